namespace CommitmentTracker.Engagement.Data;

/// <summary>
/// The liaisons' latest decision on a commitment's open contracting tags (<c>Engagement:OpenContractingTags</c>), from
/// Tagging's events, by the time it was taken: a tag <see cref="Confirmed"/>, a suggestion <see cref="Rejected"/>, or a
/// confirmed tag <see cref="Untagged"/>. A rejection takes a commitment OGP flagged out of the assessment until a later
/// decision; the latest decision wins whatever order the events arrive in.
/// </summary>
internal sealed class LiaisonDecision
{
    public const string Confirmed = "confirmed";
    public const string Rejected = "rejected";
    public const string Untagged = "untagged";

    public required string CommitmentId { get; set; }
    public required string MemberCode { get; set; }
    public required string Decision { get; set; }
    public required string Tag { get; set; }
    public string? Actor { get; set; }
    public string? Organisation { get; set; }
    public string? Reason { get; set; }
    /// <summary>When the liaison decided (the event's time, UTC), which orders decisions.</summary>
    public DateTime DecidedAt { get; set; }
}
