using CommitmentTracker.Persistence;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>A commitment as an event describes it.</summary>
internal sealed record CommitmentFacts(string Id, string ActionPlanId, string MemberCode, CommitmentText Text);

/// <summary>
/// Keeps Tagging's copy of the commitments and their suggestions. On a new commitment, or one whose text or flags
/// changed, the rules run: open suggestions are recomputed (new ones added, vanished ones superseded) and tags
/// confirmed on the old text are flagged "text changed since confirmation". Changes only the context; the caller saves.
/// </summary>
internal sealed class CommitmentProjection(SuggestionEngineCache engines, TimeProvider time, double minimumConfidence = 0)
{
    public async Task ApplyAsync(TaggingDb db, CommitmentFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(facts);
        var now = time.GetUtcNow();
        var hash = facts.Text.Hash();
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Id == facts.Id, cancellationToken);
        var isNew = commitment is null;
        if (commitment is null)
        {
            commitment = new TrackedCommitment { Id = facts.Id, ActionPlanId = facts.ActionPlanId, MemberCode = facts.MemberCode, Title = facts.Text.Title, TextHash = hash };
            db.Commitments.Add(commitment);
        }

        var textChanged = isNew || commitment.TextHash != hash;
        commitment.ActionPlanId = facts.ActionPlanId;
        commitment.MemberCode = facts.MemberCode;
        commitment.Title = facts.Text.Title;
        commitment.FullText = facts.Text.FullText;
        commitment.PolicyAreas = StoredLines.Join(facts.Text.PolicyAreas);
        commitment.TextHash = hash;
        commitment.Removed = false;
        commitment.UpdatedAt = now.UtcDateTime;
        if (!textChanged)
        {
            return;
        }

        var tags = isNew ? [] : await db.CommitmentTags.Where(t => t.CommitmentId == facts.Id).ToListAsync(cancellationToken);
        foreach (var tagged in tags.Where(t => t.Status == TagStatus.Confirmed && !t.TextChangedSinceConfirmation))
        {
            tagged.TextChangedSinceConfirmation = true;
            tagged.Version++;
            Audit(db, facts.Id, tagged.TagId, AuditAction.TextChanged, now, null, "the commitment's text changed since the tag was confirmed");
        }

        var open = isNew ? [] : await db.Suggestions.Where(s => s.CommitmentId == facts.Id && s.IsOpen).ToListAsync(cancellationToken);
        var rejectedForThisText = isNew ? [] : await db.Suggestions
            .Where(s => s.CommitmentId == facts.Id && s.Status == SuggestionStatus.Rejected && s.TextHash == hash)
            .Select(s => s.TagId).ToListAsync(cancellationToken);
        var engine = await engines.GetAsync(db, cancellationToken);
        var retired = await db.Tags.Where(t => t.Retired).Select(t => t.Id).ToListAsync(cancellationToken);
        var computed = engine.Suggest(facts.Text).Where(s => s.Confidence >= minimumConfidence && !retired.Contains(s.Tag)).ToList();

        foreach (var suggestion in computed)
        {
            var existing = open.FirstOrDefault(s => s.TagId == suggestion.Tag);
            if (existing is not null)
            {
                existing.Confidence = suggestion.Confidence;
                existing.Evidence = TagReview.Evidence(suggestion.Evidence);
                existing.TextHash = hash;
                existing.Version++;
                Audit(db, facts.Id, suggestion.Tag, AuditAction.Resuggested, now, existing.Id, $"recomputed: confidence {suggestion.Confidence:0.00}");
                Publish(db, existing, facts, suggestion, now, recomputed: true);
                continue;
            }

            if (tags.Any(t => t.TagId == suggestion.Tag) || rejectedForThisText.Contains(suggestion.Tag))
            {
                continue;
            }

            var added = new TagSuggestion
            {
                Id = Guid.NewGuid(), CommitmentId = facts.Id, MemberCode = facts.MemberCode, TagId = suggestion.Tag, Confidence = suggestion.Confidence,
                Evidence = TagReview.Evidence(suggestion.Evidence), Status = SuggestionStatus.Pending, TextHash = hash, SuggestedAt = now.UtcDateTime,
            };
            db.Suggestions.Add(added);
            Audit(db, facts.Id, suggestion.Tag, AuditAction.Suggested, now, added.Id, $"confidence {suggestion.Confidence:0.00}");
            Publish(db, added, facts, suggestion, now, recomputed: !isNew);
        }

        // Pending suggestions no rule supports any more go; a proposed one (one organisation accepted) stays for review.
        foreach (var stale in open.Where(s => s.Status == SuggestionStatus.Pending && computed.All(c => c.Tag != s.TagId)))
        {
            Supersede(db, stale, now, "no rule matches the new text");
        }
    }

    public async Task RemoveAsync(TaggingDb db, string commitmentId, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Id == commitmentId, cancellationToken);
        if (commitment is null || commitment.Removed)
        {
            return;
        }

        var now = time.GetUtcNow();
        commitment.Removed = true;
        commitment.UpdatedAt = now.UtcDateTime;
        foreach (var pending in await db.Suggestions.Where(s => s.CommitmentId == commitmentId && s.Status == SuggestionStatus.Pending).ToListAsync(cancellationToken))
        {
            Supersede(db, pending, now, "the commitment was removed from its action plan");
        }
    }

    private static void Supersede(TaggingDb db, TagSuggestion suggestion, DateTimeOffset now, string why)
    {
        suggestion.Status = SuggestionStatus.Superseded;
        suggestion.IsOpen = false;
        suggestion.DecidedAt = now.UtcDateTime;
        suggestion.Version++;
        Audit(db, suggestion.CommitmentId, suggestion.TagId, AuditAction.Superseded, now, suggestion.Id, why);
    }

    private static void Publish(TaggingDb db, TagSuggestion suggestion, CommitmentFacts facts, ComputedSuggestion computed, DateTimeOffset now, bool recomputed) =>
        db.PublishOnCommit(new TagSuggested
        {
            SuggestionId = suggestion.Id, CommitmentId = facts.Id, MemberCode = facts.MemberCode, Tag = computed.Tag,
            Confidence = computed.Confidence, Evidence = computed.Evidence, OccurredAt = now, Recomputed = recomputed,
        });

    private static void Audit(TaggingDb db, string commitmentId, string tagId, string action, DateTimeOffset at, Guid? suggestionId, string detail) =>
        db.Audit.Add(new TagAuditEntry { CommitmentId = commitmentId, TagId = tagId, Action = action, Actor = "rules", At = at.UtcDateTime, SuggestionId = suggestionId, Detail = detail });
}
