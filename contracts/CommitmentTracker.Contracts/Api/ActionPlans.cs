namespace CommitmentTracker.Contracts.Api;

/// <summary>An admin's request to record an action plan (and its member, when new).</summary>
public sealed record RegisterActionPlanRequest
{
    /// <summary>OGP's action plan id, e.g. <c>AP_GBR05</c>.</summary>
    public string? ActionPlanId { get; init; }
    /// <summary>ISO alpha-3, or 4 letters for local members.</summary>
    public string? MemberCode { get; init; }
    public string? MemberName { get; init; }
    public int? Number { get; init; }
    public int? SubmissionYear { get; init; }
    public int? EndYear { get; init; }
}

public sealed record ActionPlanResponse(
    string Id,
    string MemberCode,
    string MemberName,
    int? Number,
    int? SubmissionYear,
    int? EndYear,
    DateTimeOffset FirstSeenAt,
    int? DurationYears = null);

/// <summary>An OGP member. <see cref="Kind"/> is the sheet's <c>National Or Local</c> (National, Local, Legacy Local, Other).</summary>
public sealed record MemberResponse(string Code, string Name, int ActionPlanCount, string? Region = null, string? Kind = null);
