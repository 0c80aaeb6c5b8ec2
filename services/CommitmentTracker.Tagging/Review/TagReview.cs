using CommitmentTracker.Persistence;
using System.Text.Json;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Security;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Review;

/// <summary>The outcome of one review action: a status code, and a problem's title and detail when it failed.</summary>
internal sealed record ReviewOutcome(int Status, string? Title = null, string? Detail = null, TagSuggestion? Suggestion = null, CommitmentTag? Tag = null)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public static ReviewOutcome Conflict(string detail) => new(StatusCodes.Status409Conflict, "The tags changed meanwhile.", detail);

    public static ReviewOutcome NotFound(string title, string detail) => new(StatusCodes.Status404NotFound, title, detail);
}

/// <summary>
/// Accepting, rejecting, tagging and untagging. Every action saves its state change, its audit entry and its events
/// in one transaction; suggestion and tag rows carry a version, so of two liaisons acting at once one wins and the
/// other gets a 409 (or a 412 when it sent an <c>If-Match</c> that no longer holds).
/// </summary>
internal sealed class TagReview(TaggingDb db, TimeProvider time)
{
    internal const string ConcurrentChange = "Another liaison changed this commitment's tags at the same time. Reload and try again.";
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
            return ReviewOutcome.Conflict($"{reviewer.Organisation} accepted this suggestion already; it awaits the other organisation.");
        }

        var tag = await db.Tags.AsNoTracking().FirstAsync(t => t.Id == suggestion.TagId, cancellationToken);
        if (tag.Retired)
        {
            return ReviewOutcome.Conflict($"Tag '{tag.Id}' is retired; it can no longer be applied.");
        }

        var now = time.GetUtcNow();
        var current = await db.CommitmentTags.FirstOrDefaultAsync(t => t.CommitmentId == suggestion.CommitmentId && t.TagId == tag.Id, cancellationToken);
        Audit(suggestion.CommitmentId, suggestion.TagId, AuditAction.Accepted, reviewer, reason, now, suggestion.Id, $"confidence {suggestion.Confidence:0.00}");
        var tagged = Approve(current, suggestion.CommitmentId, suggestion.MemberCode, tag, reviewer, reason, suggestion.Id, now);
        var confirmed = tagged.Status == TagStatus.Confirmed;
        suggestion.ApprovedBy = StoredLines.Add(suggestion.ApprovedBy, reviewer.Organisation);
        suggestion.Status = confirmed ? SuggestionStatus.Accepted : SuggestionStatus.Proposed;
        suggestion.IsOpen = !confirmed;
        suggestion.DecidedAt = confirmed ? now.UtcDateTime : null;
        suggestion.Version++;
        return await SaveAsync(new ReviewOutcome(StatusCodes.Status200OK, Suggestion: suggestion, Tag: tagged), cancellationToken);
    }

    public async Task<ReviewOutcome> RejectAsync(Guid id, Reviewer reviewer, string? reason, int? expectedVersion, CancellationToken cancellationToken)
    {
        var suggestion = await db.Suggestions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Check(suggestion, id, expectedVersion) is { } failed)
        {
            return failed;
        }

        var now = time.GetUtcNow();
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
            }
        }

        suggestion.Status = SuggestionStatus.Rejected;
        suggestion.IsOpen = false;
        suggestion.DecidedAt = now.UtcDateTime;
        suggestion.Version++;
        Audit(suggestion.CommitmentId, suggestion.TagId, AuditAction.Rejected, reviewer, reason, now, suggestion.Id, null);
        return await SaveAsync(new ReviewOutcome(StatusCodes.Status200OK, Suggestion: suggestion), cancellationToken);
    }

    /// <summary>Tags by hand, or adds the reviewer's organisation's approval to a proposed tag. 201 when the tag is new on the commitment.</summary>
    public async Task<ReviewOutcome> TagAsync(TrackedCommitment commitment, Tag tag, Reviewer reviewer, string? reason, CancellationToken cancellationToken)
    {
        // Read once and tracked: its version guards the update, its primary key guards a concurrent insert.
        var existing = await db.CommitmentTags.FirstOrDefaultAsync(t => t.CommitmentId == commitment.Id && t.TagId == tag.Id, cancellationToken);
        if (existing is not null && StoredLines.Split(existing.ApprovedBy).Contains(reviewer.Organisation, StringComparer.Ordinal))
        {
            return ReviewOutcome.Conflict(existing.Status == TagStatus.Confirmed
                ? $"'{tag.Id}' is already confirmed on {commitment.Id}."
                : $"{reviewer.Organisation} approved '{tag.Id}' on {commitment.Id} already; it awaits the other organisation.");
        }

        var now = time.GetUtcNow();
        var open = await db.Suggestions.FirstOrDefaultAsync(s => s.CommitmentId == commitment.Id && s.TagId == tag.Id && s.IsOpen, cancellationToken);
        Audit(commitment.Id, tag.Id, AuditAction.Tagged, reviewer, reason, now, open?.Id, null);
        var tagged = Approve(existing, commitment.Id, commitment.MemberCode, tag, reviewer, reason, open?.Id, now);
        if (open is not null)
        {
            // Tagging by hand answers the open suggestion for the same tag too: it never lingers as a duplicate.
            var confirmed = tagged.Status == TagStatus.Confirmed;
            open.ApprovedBy = StoredLines.Add(open.ApprovedBy, reviewer.Organisation);
            open.Status = confirmed ? SuggestionStatus.Accepted : SuggestionStatus.Proposed;
            open.IsOpen = !confirmed;
            open.DecidedAt = confirmed ? now.UtcDateTime : null;
            open.Version++;
        }

        var status = existing is null ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        return await SaveAsync(new ReviewOutcome(status, Tag: tagged), cancellationToken);
    }

    public async Task<ReviewOutcome> UntagAsync(TrackedCommitment commitment, string tagId, Reviewer reviewer, string? reason, CancellationToken cancellationToken)
    {
        var tagged = await db.CommitmentTags.FirstOrDefaultAsync(t => t.CommitmentId == commitment.Id && t.TagId == tagId, cancellationToken);
        if (tagged is null)
        {
            return ReviewOutcome.NotFound("The commitment does not carry this tag.", $"{commitment.Id} is not tagged '{tagId}'.");
        }

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
        return await SaveAsync(new ReviewOutcome(StatusCodes.Status204NoContent), cancellationToken);
    }

    /// <summary>Whether <paramref name="approvals"/> satisfy the tag's confirmation policy (an admin's approval always does).</summary>
    internal static bool IsConfirmed(Tag tag, IReadOnlyCollection<string> approvals) =>
        approvals.Contains(Organisations.Admin)
        || (tag.Confirmation == ConfirmationPolicy.BothOrganisations
            ? approvals.Contains(Organisations.Ogp) && approvals.Contains(Organisations.Ocp)
            : approvals.Count > 0);

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

    private static ReviewOutcome? Check(TagSuggestion? suggestion, Guid id, int? expectedVersion)
    {
        if (suggestion is null)
        {
            return ReviewOutcome.NotFound("The suggestion does not exist.", $"There is no suggestion {id}.");
        }

        if (expectedVersion is { } expected && expected != suggestion.Version)
        {
            return new ReviewOutcome(StatusCodes.Status412PreconditionFailed, "The suggestion changed since you read it.",
                $"If-Match named version {expected}; the suggestion is at version {suggestion.Version} ({suggestion.Status}). Reload it and decide again.");
        }

        return SuggestionStatus.IsOpen(suggestion.Status)
            ? null
            : ReviewOutcome.Conflict($"The suggestion was {suggestion.Status} already.");
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
            return success;
        }
        catch (DbUpdateException)
        {
            // A version that moved (concurrency) or a tag row another liaison inserted first (primary key).
            db.ChangeTracker.Clear();
            return ReviewOutcome.Conflict(ConcurrentChange);
        }
    }

    internal static IReadOnlyList<SuggestionEvidence> Evidence(string json) =>
        JsonSerializer.Deserialize<List<SuggestionEvidence>>(json, Json) ?? [];

    internal static string Evidence(IReadOnlyList<SuggestionEvidence> evidence) => JsonSerializer.Serialize(evidence, Json);
}
