using System.ComponentModel.DataAnnotations;

namespace CommitmentTracker.Contracts.Api;

/// <summary>
/// An admin's request to record an action plan (and its member, when new). The id, code and name are taken without
/// their surrounding spaces; the end year cannot be before the submission year.
/// </summary>
public sealed record RegisterActionPlanRequest
{
    private const string ActionPlanIdRule = "actionPlanId is required: 3 to 40 letters, digits, '_' or '-' (e.g. AP_GBR05).";
    private const string MemberCodeRule = "memberCode is required: 3 letters (ISO alpha-3) or 4 letters for a local member.";
    private const string MemberNameRule = "memberName is required, at most 200 characters.";

    /// <summary>OGP's action plan id, e.g. <c>AP_GBR05</c>.</summary>
    [Required(ErrorMessage = ActionPlanIdRule)]
    [RegularExpression(@"^\s*[A-Za-z0-9_-]{3,40}\s*$", ErrorMessage = ActionPlanIdRule)]
    public string? ActionPlanId { get; init; }

    /// <summary>ISO alpha-3, or 4 letters for local members.</summary>
    [Required(ErrorMessage = MemberCodeRule)]
    [RegularExpression(@"^\s*[A-Za-z]{3,4}\s*$", ErrorMessage = MemberCodeRule)]
    public string? MemberCode { get; init; }

    /// <summary>At most 200 characters (surrounding spaces aside).</summary>
    [Required(ErrorMessage = MemberNameRule)]
    [RegularExpression(@"^\s*\S([\s\S]{0,198}\S)?\s*$", ErrorMessage = MemberNameRule)]
    public string? MemberName { get; init; }

    [Range(1, 99, ErrorMessage = "number must be between 1 and 99.")]
    public int? Number { get; init; }

    [Range(2011, 2100, ErrorMessage = "submissionYear must be between 2011 (OGP's founding) and 2100.")]
    public int? SubmissionYear { get; init; }

    [Range(2011, 2100, ErrorMessage = "endYear must be between 2011 and 2100.")]
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
