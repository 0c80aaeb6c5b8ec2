using CommitmentTracker.Persistence;
using System.Text.Json;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Review;

/// <summary>
/// Accepting, rejecting, tagging and untagging. Every action saves its state change, its audit entry and its events
/// in one transaction; suggestion and tag rows carry a version, so of two liaisons acting at once one wins and the
/// other gets <see cref="ReviewOutcome.ConcurrentChange"/> (or <see cref="ReviewOutcome.VersionMismatch"/> when it named
/// a version that no longer holds). A blank reason is no reason.
/// </summary>
internal sealed class TagReview(TaggingDb db, TimeProvider time, CalibrationCache? calibrations = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ReviewOutcome> AcceptAsync(Guid id, Reviewer reviewer, string? reason, int? expectedVersion, CancellationToken cancellationToken)
    {
        var suggestion = await db.Suggestions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Check(suggestion, id, expectedVersion) is { } failed)
        {
            return failed;
        }

        if (StoredLines.Split(suggestion!.ApprovedBy).Contains(reviewer.Organisation, StringComparer.Ordinal))
        {
            return new ReviewOutcome.AlreadyAccepted(reviewer.Organisation);
        }

        var tag = await db.Tags.AsNoTracking().FirstAsync(t => t.Id == suggestion.TagId, cancellationToken);
        if (tag.Retired)
        {
            return new ReviewOutcome.TagRetired(tag.Id);
        }

        reason = Clean(reason);
        var now = time.GetUtcNow();
        var current = await db.CommitmentTags.FirstOrDefaultAsync(t => t.CommitmentId == suggestion.CommitmentId && t.TagId == tag.Id, cancellationToken);
        Audit(suggestion.CommitmentId, suggestion.TagId, AuditAction.Accepted, reviewer, reason, now, suggestion.Id, $"confidence {suggestion.Confidence:0.00}");
        var tagged = Approve(current, suggestion.CommitmentId, suggestion.MemberCode, tag, reviewer, reason, suggestion.Id, now);
        Answer(suggestion, reviewer, tagged, now);
        return await SaveAsync(Approval(tagged, suggestion, newTag: current is null), cancellationToken);
    }

    public async Task<ReviewOutcome> RejectAsync(Guid id, Reviewer reviewer, string? reason, int? expectedVersion, CancellationToken cancellationToken)
    {
        var suggestion = await db.Suggestions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Check(suggestion, id, expectedVersion) is { } failed)
        {
            return failed;
        }

        reason = Clean(reason);
        var now = time.GetUtcNow();
        var withdrew = false;
        if (suggestion!.Status == SuggestionStatus.Proposed)
        {
            // One organisation accepted, the other rejects: the proposed tag it created goes.
            var proposed = await db.CommitmentTags.FirstOrDefaultAsync(
                t => t.CommitmentId == suggestion.CommitmentId && t.TagId == suggestion.TagId && t.Status == TagStatus.Proposed, cancellationToken);
            if (proposed is not null)
            {
                db.CommitmentTags.Remove(proposed);
                Audit(proposed.CommitmentId, proposed.TagId, AuditAction.Untagged, reviewer, reason, now, suggestion.Id, "proposed tag withdrawn with its suggestion");
                db.PublishOnCommit(new CommitmentUntagged
                {
                    CommitmentId = suggestion.CommitmentId, MemberCode = suggestion.MemberCode, Tag = suggestion.TagId,
                    Organisation = reviewer.Organisation, Actor = reviewer.Actor, Reason = reason, OccurredAt = now,
                });
                withdrew = true;
            }
        }

        suggestion.Status = SuggestionStatus.Rejected;
        suggestion.IsOpen = false;
        suggestion.DecidedAt = now.UtcDateTime;
        suggestion.Version++;
        Audit(suggestion.CommitmentId, suggestion.TagId, AuditAction.Rejected, reviewer, reason, now, suggestion.Id, null);
        // The liaisons' decision is news for Engagement: a rejected open contracting tag takes a commitment OGP flagged out of its assessment.
        db.PublishOnCommit(new TagSuggestionRejected
        {
            SuggestionId = suggestion.Id, CommitmentId = suggestion.CommitmentId, MemberCode = suggestion.MemberCode, Tag = suggestion.TagId,
            Organisation = reviewer.Organisation, Actor = reviewer.Actor, Reason = reason, OccurredAt = now,
        });
        return await SaveAsync(new ReviewOutcome.Rejected(suggestion, withdrew), cancellationToken);
    }

    /// <summary>Accepts each suggestion on its own, as one request each would: one outcome per distinct id, in order.</summary>
    public Task<IReadOnlyList<(Guid Id, ReviewOutcome Outcome)>> AcceptEachAsync(IEnumerable<Guid> ids, Reviewer reviewer, string? reason, CancellationToken cancellationToken) =>
        EachAsync(ids, id => AcceptAsync(id, reviewer, reason, null, cancellationToken));

    /// <summary>Rejects each suggestion on its own, as one request each would: one outcome per distinct id, in order.</summary>
    public Task<IReadOnlyList<(Guid Id, ReviewOutcome Outcome)>> RejectEachAsync(IEnumerable<Guid> ids, Reviewer reviewer, string? reason, CancellationToken cancellationToken) =>
        EachAsync(ids, id => RejectAsync(id, reviewer, reason, null, cancellationToken));

    /// <summary>Tags by hand, or adds the reviewer's organisation's approval to a proposed tag.</summary>
    public async Task<ReviewOutcome> TagAsync(TrackedCommitment commitment, Tag tag, Reviewer reviewer, string? reason, CancellationToken cancellationToken)
    {
        // Read once and tracked: its version guards the update, its primary key guards a concurrent insert.
        var existing = await db.CommitmentTags.FirstOrDefaultAsync(t => t.CommitmentId == commitment.Id && t.TagId == tag.Id, cancellationToken);
        if (existing is not null && StoredLines.Split(existing.ApprovedBy).Contains(reviewer.Organisation, StringComparer.Ordinal))
        {
            return existing.Status == TagStatus.Confirmed
                ? new ReviewOutcome.AlreadyConfirmed(commitment.Id, tag.Id)
                : new ReviewOutcome.AlreadyApproved(reviewer.Organisation, commitment.Id, tag.Id);
        }

        reason = Clean(reason);
        var now = time.GetUtcNow();
        var open = await db.Suggestions.FirstOrDefaultAsync(s => s.CommitmentId == commitment.Id && s.TagId == tag.Id && s.IsOpen, cancellationToken);
        Audit(commitment.Id, tag.Id, AuditAction.Tagged, reviewer, reason, now, open?.Id, null);
        var tagged = Approve(existing, commitment.Id, commitment.MemberCode, tag, reviewer, reason, open?.Id, now);
        if (open is not null)
        {
            // Tagging by hand answers the open suggestion for the same tag too: it never lingers as a duplicate.
            Answer(open, reviewer, tagged, now);
        }

        return await SaveAsync(Approval(tagged, open, newTag: existing is null), cancellationToken);
    }

    public async Task<ReviewOutcome> UntagAsync(TrackedCommitment commitment, string tagId, Reviewer reviewer, string? reason, CancellationToken cancellationToken)
    {
        var tagged = await db.CommitmentTags.FirstOrDefaultAsync(t => t.CommitmentId == commitment.Id && t.TagId == tagId, cancellationToken);
        if (tagged is null)
        {
            return new ReviewOutcome.NotTagged(commitment.Id, tagId);
        }

        reason = Clean(reason);
        var now = time.GetUtcNow();
        db.CommitmentTags.Remove(tagged);
        var open = await db.Suggestions.Where(s => s.CommitmentId == commitment.Id && s.TagId == tagId && s.IsOpen).ToListAsync(cancellationToken);
        foreach (var suggestion in open)
        {
            suggestion.Status = SuggestionStatus.Rejected;
            suggestion.IsOpen = false;
            suggestion.DecidedAt = now.UtcDateTime;
            suggestion.Version++;
        }

        Audit(commitment.Id, tagId, AuditAction.Untagged, reviewer, reason, now, tagged.SuggestionId, $"was {tagged.Status}");
        db.PublishOnCommit(new CommitmentUntagged
        {
            CommitmentId = commitment.Id, MemberCode = commitment.MemberCode, Tag = tagId,
            Organisation = reviewer.Organisation, Actor = reviewer.Actor, Reason = reason, OccurredAt = now,
        });
        return await SaveAsync(new ReviewOutcome.Untagged(tagged), cancellationToken);
    }

    /// <summary>Whether <paramref name="approvals"/> satisfy the tag's confirmation policy (an admin's approval always does).</summary>
    internal static bool IsConfirmed(Tag tag, IReadOnlyCollection<string> approvals) =>
        approvals.Contains(Reviewer.Admin)
        || (tag.Confirmation == ConfirmationPolicy.BothOrganisations
            ? approvals.Contains(Organisations.Ogp) && approvals.Contains(Organisations.Ocp)
            : approvals.Count > 0);

    private static ReviewOutcome.Approval Approval(CommitmentTag tagged, TagSuggestion? suggestion, bool newTag) =>
        tagged.Status == TagStatus.Confirmed
            ? new ReviewOutcome.Confirmed(tagged, suggestion, newTag)
            : new ReviewOutcome.AwaitingOtherOrganisation(tagged, suggestion, newTag);

    /// <summary>Adds the reviewer's approval to the commitment's tag (creating it), confirms it when the policy is met, and publishes CommitmentTagged.</summary>
    private CommitmentTag Approve(
        CommitmentTag? tagged, string commitmentId, string memberCode, Tag tag, Reviewer reviewer, string? reason, Guid? suggestionId, DateTimeOffset now)
    {
        if (tagged is null)
        {
            tagged = new CommitmentTag { CommitmentId = commitmentId, TagId = tag.Id, Status = TagStatus.Proposed, SuggestionId = suggestionId, TaggedAt = now.UtcDateTime };
            db.CommitmentTags.Add(tagged);
        }
        else
        {
            tagged.Version++;
        }

        var wasConfirmed = tagged.Status == TagStatus.Confirmed;
        tagged.ApprovedBy = StoredLines.Add(tagged.ApprovedBy, reviewer.Organisation);
        if (!wasConfirmed && IsConfirmed(tag, StoredLines.Split(tagged.ApprovedBy).ToHashSet(StringComparer.Ordinal)))
        {
            tagged.Status = TagStatus.Confirmed;
            tagged.ConfirmedAt = now.UtcDateTime;
            tagged.TextChangedSinceConfirmation = false;
            Audit(commitmentId, tag.Id, AuditAction.Confirmed, reviewer, reason, now, suggestionId, $"approved by {string.Join(", ", StoredLines.Split(tagged.ApprovedBy))}");
        }

        if (!wasConfirmed)
        {
            db.PublishOnCommit(new CommitmentTagged
            {
                CommitmentId = commitmentId, MemberCode = memberCode, Tag = tag.Id, Status = tagged.Status,
                Organisation = reviewer.Organisation, Actor = reviewer.Actor, Reason = reason, OccurredAt = now,
                SuggestionId = suggestionId, ApprovedBy = StoredLines.Split(tagged.ApprovedBy),
            });
        }

        return tagged;
    }

    /// <summary>Records the reviewer's approval on the suggestion: accepted once its tag is confirmed, else proposed.</summary>
    private static void Answer(TagSuggestion suggestion, Reviewer reviewer, CommitmentTag tagged, DateTimeOffset now)
    {
        var confirmed = tagged.Status == TagStatus.Confirmed;
        suggestion.ApprovedBy = StoredLines.Add(suggestion.ApprovedBy, reviewer.Organisation);
        suggestion.Status = confirmed ? SuggestionStatus.Accepted : SuggestionStatus.Proposed;
        suggestion.IsOpen = !confirmed;
        suggestion.DecidedAt = confirmed ? now.UtcDateTime : null;
        suggestion.Version++;
    }

    private static ReviewOutcome? Check(TagSuggestion? suggestion, Guid id, int? expectedVersion)
    {
        if (suggestion is null)
        {
            return new ReviewOutcome.SuggestionNotFound(id);
        }

        if (expectedVersion is { } expected && expected != suggestion.Version)
        {
            return new ReviewOutcome.VersionMismatch(expected, suggestion.Version, suggestion.Status);
        }

        return SuggestionStatus.IsOpen(suggestion.Status) ? null : new ReviewOutcome.AlreadyDecided(suggestion.Status);
    }

    private void Audit(string commitmentId, string tagId, string action, Reviewer reviewer, string? reason, DateTimeOffset at, Guid? suggestionId, string? detail) =>
        db.Audit.Add(new TagAuditEntry
        {
            CommitmentId = commitmentId, TagId = tagId, Action = action, Actor = reviewer.Actor, Organisation = reviewer.Organisation,
            At = at.UtcDateTime, Reason = reason, SuggestionId = suggestionId, Detail = detail,
        });

    private async Task<ReviewOutcome> SaveAsync(ReviewOutcome success, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            // A decision changes the calibration: the next suggestion reads it again.
            calibrations?.Invalidate();
            return success;
        }
        catch (DbUpdateException)
        {
            // A version that moved (concurrency) or a tag row another liaison inserted first (primary key).
            db.ChangeTracker.Clear();
            return new ReviewOutcome.ConcurrentChange();
        }
    }

    private async Task<IReadOnlyList<(Guid Id, ReviewOutcome Outcome)>> EachAsync(IEnumerable<Guid> ids, Func<Guid, Task<ReviewOutcome>> decide)
    {
        var outcomes = new List<(Guid, ReviewOutcome)>();
        foreach (var id in ids.Distinct())
        {
            outcomes.Add((id, await decide(id)));
            // Each decision stands alone: nothing one tracked (or failed to save) carries into the next.
            db.ChangeTracker.Clear();
        }

        return outcomes;
    }

    private static string? Clean(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    internal static IReadOnlyList<SuggestionEvidence> Evidence(string json) =>
        JsonSerializer.Deserialize<List<SuggestionEvidence>>(json, Json) ?? [];

    internal static string Evidence(IReadOnlyList<SuggestionEvidence> evidence) => JsonSerializer.Serialize(evidence, Json);

    internal static SuggestionCalibration? Calibration(string? json) => json is null ? null : JsonSerializer.Deserialize<SuggestionCalibration>(json, Json);

    internal static string Calibration(SuggestionCalibration calibration) => JsonSerializer.Serialize(calibration, Json);
}
