using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace CommitmentTracker.Contracts.Api;

/// <summary>
/// A member in the engagement list: what Engagement knows from action plan events, and its current assessment
/// (<c>Category</c> <c>a</c>, <c>b</c>, <c>c</c>, <c>not-enough-data</c> or <c>no-signal-yet</c>; <c>Score</c> 0–100; <c>Warnings</c> the dips still in force).
/// </summary>
public sealed record EngagementMemberResponse(string MemberCode, string MemberName, int ActionPlanCount, string? LatestActionPlanId, DateTimeOffset UpdatedAt)
{
    public string? Region { get; init; }
    public string Category { get; init; } = "not-enough-data";
    public double Score { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public DateTimeOffset? AssessedAt { get; init; }
}

/// <summary>One component of the score: its value 0–1, its weight in the score, and what it rests on.</summary>
public sealed record EngagementComponentResponse(string Name, double Score, double Weight, string Explanation);

/// <summary>
/// An open contracting commitment behind an assessment, with the IRM values as OGP's sheet holds them (NA, ND, NR kept).
/// <c>Sources</c> say why it counts: <c>OGP</c> (OGP's <c>Open Contracting</c> flag) and/or <c>liaisons</c> (a
/// confirmed open contracting tag); <c>ConfirmedBy</c> the organisations whose liaisons approved that tag. <c>Excluded</c>
/// is set on the flagged commitments a liaison took out (listed in <c>ExcludedCommitments</c>, never counted).
/// </summary>
public sealed record EngagementCommitmentResponse(
    string CommitmentId,
    string ActionPlanId,
    string Title,
    IReadOnlyList<string> Tags,
    string? Completion,
    string? PotentialImpact,
    string? PotentialForResults,
    string? EarlyResults,
    string? DidItOpenGovernment)
{
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<string> ConfirmedBy { get; init; } = [];
    public EngagementExclusionResponse? Excluded { get; init; }
}

/// <summary>A liaison's rejection of the open contracting tag on a commitment OGP flagged: who, their organisation, why and when.</summary>
public sealed record EngagementExclusionResponse(string? By, string? Organisation, string? Reason, string Tag, DateTimeOffset At);

/// <summary>
/// A member's engagement assessment: category, score (0–100) with its components, a plain-language explanation naming
/// the commitments and signals behind it, the dips still in force (<c>Warnings</c>), and its inputs.
/// </summary>
public sealed record EngagementResponse(
    string MemberCode,
    string MemberName,
    string? Region,
    string Category,
    double Score,
    IReadOnlyList<EngagementComponentResponse> Components,
    string Explanation,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<EngagementCommitmentResponse> OpenContractingCommitments,
    IReadOnlyList<OcdsPublicationResponse> Publications,
    MandateResponse? Mandate,
    int Version,
    DateTimeOffset AssessedAt)
{
    /// <summary>Commitments OGP flagged Open Contracting that a liaison's rejection took out of the assessment.</summary>
    public IReadOnlyList<EngagementCommitmentResponse> ExcludedCommitments { get; init; } = [];
}

/// <summary>One stored change of a member's assessment. <c>Trigger</c> names the event or request that caused it.</summary>
public sealed record EngagementHistoryEntryResponse(
    int Version,
    string? PreviousCategory,
    string Category,
    double Score,
    IReadOnlyList<EngagementComponentResponse> Components,
    string Explanation,
    bool IsDip,
    IReadOnlyList<string> DipReasons,
    string Trigger,
    DateTimeOffset AssessedAt);

/// <summary>
/// One component of a mandate assessment: a score 0–3 (required), an optional note of at most 2000 characters, and the
/// day it was assessed (default today; not in the future).
/// </summary>
public sealed record MandateComponentRequest(
    [property: Required(ErrorMessage = MandateComponentRequest.ScoreMessage), Range(0, MandateComponentRequest.MaxScore, ErrorMessage = MandateComponentRequest.ScoreMessage)] int? Score,
    [property: StringLength(MandateComponentRequest.MaxNoteLength, ErrorMessage = MandateComponentRequest.NoteMessage)] string? Note,
    DateOnly? AssessedOn)
{
    /// <summary>The highest score of a mandate component.</summary>
    public const int MaxScore = 3;

    /// <summary>The longest note, in characters.</summary>
    public const int MaxNoteLength = 2000;

    private const string ScoreMessage = "score is required, from 0 to 3.";
    private const string NoteMessage = "note has at most 2000 characters.";
}

/// <summary>
/// A liaison's assessment of how thick a member's open contracting mandate is. It replaces the previous one; a
/// component left out is "not assessed". At least one component is required.
/// </summary>
public sealed record UpdateMandateRequest(
    MandateComponentRequest? PoliticalLeadership,
    MandateComponentRequest? NamedOfficials,
    MandateComponentRequest? Resources,
    MandateComponentRequest? Coalition);

/// <summary>An assessed mandate component.</summary>
public sealed record MandateComponentResponse(int Score, string? Note, DateOnly AssessedOn);

/// <summary>A member's mandate assessment, who entered it and when.</summary>
public sealed record MandateResponse(
    string MemberCode,
    MandateComponentResponse? PoliticalLeadership,
    MandateComponentResponse? NamedOfficials,
    MandateComponentResponse? Resources,
    MandateComponentResponse? Coalition,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);

/// <summary>
/// An OCDS publication of the OCP Data Registry as Engagement stores it: the registry's country name and the member
/// code it maps to (none when unmapped), its dates, whether it is frozen or fresh, and the stages it covers
/// (<c>tender</c>, <c>awards</c>, <c>contracts</c>, <c>implementation</c>).
/// </summary>
public sealed record OcdsPublicationResponse(
    int Id,
    string Title,
    string Country,
    string? MemberCode,
    string? Region,
    string? SourceUrl,
    DateOnly? LastRetrieved,
    DateOnly? DateFrom,
    DateOnly? DateTo,
    bool Frozen,
    bool Fresh,
    IReadOnlyList<string> Stages,
    DateTimeOffset ImportedAt);

/// <summary>
/// A registry country name and the member it maps to. <c>Source</c>: <c>table</c> (the maintained table shipped with the
/// service), <c>setting</c> (<c>Engagement:Ocds:CountryAliases</c>) or <c>admin</c> (added through the API; these win).
/// On a change, <c>PublicationsMapped</c> counts the stored publications that now map to the member.
/// </summary>
public sealed record CountryNameResponse(string Name, string MemberCode, string Source)
{
    public int? PublicationsMapped { get; init; }
}

/// <summary>
/// A country name an admin had mapped, removed: <c>MemberCode</c> and <c>Source</c> say where the name maps now (the
/// table or settings underneath, or the name of a known member; both null when it maps to no member any more), and
/// <c>PublicationsRemapped</c> counts the stored publications carrying it.
/// </summary>
public sealed record RemovedCountryNameResponse(string Name, string? MemberCode, string? Source, int PublicationsRemapped);

/// <summary>
/// The scheduled pull of the registry (<c>Engagement:Ocds:SourceUrl</c>). <c>Configured</c> is false when only uploads
/// are used. <c>Source</c> is the URL without credentials or query. <c>LastResult</c>: <c>imported</c>,
/// <c>not-modified</c> or <c>rejected</c> (nothing imported; <c>LastOutcome</c> says why).
/// </summary>
public sealed record OcdsPullStatusResponse(
    bool Configured,
    string? Source,
    TimeSpan? Interval,
    DateTimeOffset? LastCheckedAt,
    DateTimeOffset? NextDueAt,
    string? LastResult,
    string? LastOutcome);

/// <summary>An admin maps a registry country name to a member code (3 or 4 letters).</summary>
public sealed record SetCountryNameRequest(
    [property: Required(ErrorMessage = SetCountryNameRequest.MemberCodeMessage), RegularExpression(SetCountryNameRequest.MemberCodePattern, ErrorMessage = SetCountryNameRequest.MemberCodeMessage)] string? MemberCode)
{
    /// <summary>A member code: 3 or 4 letters (ISO alpha-3, or 4 letters for a local member), spaces around it aside.</summary>
    public const string MemberCodePattern = @"^\s*[A-Za-z]{3,4}\s*$";

    /// <summary>The answer to a missing or malformed member code.</summary>
    public const string MemberCodeMessage = "memberCode is required: a member code of 3 or 4 letters.";
}

/// <summary>A registry country name that maps to no member, and the publications that carry it.</summary>
public sealed record UnmappedCountryResponse(string Country, IReadOnlyList<int> PublicationIds);

/// <summary>The outcome of an OCDS registry import: what was stored, what could not be mapped, which members were reassessed.</summary>
public sealed record OcdsImportResponse(
    string Source,
    DateTimeOffset ImportedAt,
    int Publications,
    int Mapped,
    IReadOnlyList<UnmappedCountryResponse> Unmapped,
    IReadOnlyList<string> MembersReassessed);

/// <summary>
/// One publication of the OCP Data Registry's <c>publications.json</c> (the request body of an import is an array of
/// these, as the registry serves it). Only <c>id</c> and <c>country</c> are required.
/// </summary>
public sealed record OcdsRegistryPublication
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("update_frequency")] public string? UpdateFrequency { get; init; }
    [JsonPropertyName("source_url")] public string? SourceUrl { get; init; }
    [JsonPropertyName("source_id")] public string? SourceId { get; init; }
    [JsonPropertyName("retrieval_frequency")] public string? RetrievalFrequency { get; init; }
    [JsonPropertyName("last_retrieved")] public string? LastRetrieved { get; init; }
    [JsonPropertyName("frozen")] public bool Frozen { get; init; }
    [JsonPropertyName("date_from")] public string? DateFrom { get; init; }
    [JsonPropertyName("date_to")] public string? DateTo { get; init; }
    /// <summary>OCDS path → number of releases carrying it.</summary>
    [JsonPropertyName("coverage")] public IReadOnlyDictionary<string, long>? Coverage { get; init; }
}
