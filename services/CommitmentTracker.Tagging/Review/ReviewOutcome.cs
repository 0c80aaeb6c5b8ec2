using CommitmentTracker.Tagging.Data;

namespace CommitmentTracker.Tagging.Review;

/// <summary>
/// What one review action came to. Only the successes saved anything. The endpoints turn outcomes into HTTP answers
/// (<c>Features/Responses.cs</c>); <see cref="TagReview"/> knows nothing of HTTP.
/// </summary>
internal abstract record ReviewOutcome
{
    private ReviewOutcome()
    {
    }

    /// <summary>Whether the action took effect.</summary>
    public bool Succeeded => this is Approval or Rejected or Untagged;

    /// <summary>An organisation's approval of a tag on a commitment (by accepting a suggestion or tagging by hand).</summary>
    /// <param name="Tag">The commitment's tag after the approval.</param>
    /// <param name="Suggestion">The suggestion the approval answered, if any.</param>
    /// <param name="NewTag">Whether the tag is new on the commitment (not an approval added to a proposed one).</param>
    public abstract record Approval(CommitmentTag Tag, TagSuggestion? Suggestion, bool NewTag) : ReviewOutcome;

    /// <summary>The approvals meet the tag's confirmation policy: the tag is confirmed, the suggestion accepted.</summary>
    public sealed record Confirmed(CommitmentTag Tag, TagSuggestion? Suggestion, bool NewTag) : Approval(Tag, Suggestion, NewTag);

    /// <summary>One organisation approved a tag that needs both: the tag and the suggestion are proposed.</summary>
    public sealed record AwaitingOtherOrganisation(CommitmentTag Tag, TagSuggestion? Suggestion, bool NewTag) : Approval(Tag, Suggestion, NewTag);

    /// <summary>The suggestion is rejected; a tag one organisation had proposed with it was withdrawn.</summary>
    public sealed record Rejected(TagSuggestion Suggestion, bool WithdrewProposedTag) : ReviewOutcome;

    /// <summary>The tag is off the commitment; its open suggestions are rejected with it.</summary>
    public sealed record Untagged(CommitmentTag Removed) : ReviewOutcome;

    /// <summary>There is no such suggestion.</summary>
    public sealed record SuggestionNotFound(Guid Id) : ReviewOutcome;

    /// <summary>The commitment does not carry the tag.</summary>
    public sealed record NotTagged(string CommitmentId, string TagId) : ReviewOutcome;

    /// <summary>The reviewer decided on a version of the suggestion that is no longer current.</summary>
    public sealed record VersionMismatch(int Expected, int Current, string Status) : ReviewOutcome;

    /// <summary>The suggestion was decided already (accepted, rejected or superseded).</summary>
    public sealed record AlreadyDecided(string Status) : ReviewOutcome;

    /// <summary>The reviewer's organisation accepted this suggestion already; it awaits the other organisation.</summary>
    public sealed record AlreadyAccepted(string Organisation) : ReviewOutcome;

    /// <summary>The tag is confirmed on the commitment already.</summary>
    public sealed record AlreadyConfirmed(string CommitmentId, string TagId) : ReviewOutcome;

    /// <summary>The reviewer's organisation approved the proposed tag already; it awaits the other organisation.</summary>
    public sealed record AlreadyApproved(string Organisation, string CommitmentId, string TagId) : ReviewOutcome;

    /// <summary>The suggested tag was retired since: it can no longer be applied.</summary>
    public sealed record TagRetired(string TagId) : ReviewOutcome;

    /// <summary>Another reviewer changed the same rows at the same time and won; nothing was saved.</summary>
    public sealed record ConcurrentChange : ReviewOutcome;
}
