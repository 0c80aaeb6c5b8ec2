using System.ComponentModel.DataAnnotations;

namespace CommitmentTracker.Contracts.Api;

/// <summary>A tag of the vocabulary. <c>Confirmation</c> is <c>one-liaison</c> or <c>both-organisations</c>.</summary>
public sealed record TagResponse(string Id, string Label, string Description, string? ParentId, bool Retired)
{
    public string Confirmation { get; init; } = "one-liaison";
}

/// <summary>An admin adds a tag: id (lower-case letters, digits and '-'), label, description, optional parent and confirmation policy.</summary>
public sealed record CreateTagRequest(string? Id, string? Label, string? Description, string? ParentId, string? Confirmation);

/// <summary>An admin renames, re-describes, re-parents, retires (or restores) a tag; the id never changes. Absent fields stay as they are.</summary>
public sealed record UpdateTagRequest(string? Label, string? Description, string? ParentId, string? Confirmation, bool? Retired);

/// <summary>
/// Which rule matched which words of which field. <c>Part</c> says where in the text the words stand: <c>title</c>,
/// <c>objective</c>, <c>body</c>, <c>relevance</c> (the OGP-values boilerplate) or <c>milestones</c>; absent for OGP's flags.
/// </summary>
public sealed record TagEvidence(string Rule, string Field, string MatchedText)
{
    public string? Part { get; init; }
}

/// <summary>
/// How a suggestion's confidence was derived: the kind of its evidence (<c>flag+text</c>, <c>flag</c>,
/// <c>flag-contradicted</c>, <c>text</c>, <c>body-text</c>, <c>weak-text</c>), the rule that decided it, and the
/// decisions behind the rate: labelled examples, liaisons' decisions on suggestions of the same tag and kind, and on
/// those of the same rule. <c>SampleSize</c> is all of them together.
/// </summary>
public sealed record SuggestionCalibration(
    string EvidenceKind,
    string Rule,
    int LabelledAccepted,
    int LabelledRejected,
    int Accepted,
    int Rejected,
    int RuleAccepted,
    int RuleRejected)
{
    public int SampleSize => LabelledAccepted + LabelledRejected + Accepted + Rejected;
}

/// <summary>
/// A suggested tag in the review queue. <c>Status</c>: <c>pending</c> (queued), <c>held</c> (stored, but its confidence is
/// below <c>Tagging:QueueThreshold</c>), <c>proposed</c> (accepted by one organisation, awaiting the other),
/// <c>accepted</c>, <c>rejected</c> or <c>superseded</c> (the text changed and no rule matches any more).
/// <c>Confidence</c> is the share of such suggestions liaisons accept; <c>Calibration</c> says how it was derived
/// (absent on suggestions made before calibration). <c>Version</c> is the value to send in <c>If-Match</c>.
/// </summary>
public sealed record TagSuggestionResponse(
    Guid Id,
    string CommitmentId,
    string MemberCode,
    string CommitmentTitle,
    string Tag,
    double Confidence,
    string Status,
    IReadOnlyList<TagEvidence> Evidence,
    IReadOnlyList<string> ApprovedBy,
    DateTimeOffset SuggestedAt,
    DateTimeOffset? DecidedAt,
    int Version)
{
    public SuggestionCalibration? Calibration { get; init; }
}

/// <summary>A tag on a commitment: <c>proposed</c> or <c>confirmed</c>, with the organisations that approved it.</summary>
public sealed record CommitmentTagResponse(
    string Tag,
    string Label,
    string Status,
    IReadOnlyList<string> ApprovedBy,
    bool TextChangedSinceConfirmation,
    DateTimeOffset TaggedAt,
    DateTimeOffset? ConfirmedAt,
    int Version);

/// <summary>A commitment's tags and its open suggestions (pending or proposed).</summary>
public sealed record CommitmentTagsResponse(
    string CommitmentId,
    string MemberCode,
    string Title,
    bool Removed,
    IReadOnlyList<CommitmentTagResponse> Tags,
    IReadOnlyList<TagSuggestionResponse> Suggestions);

/// <summary>A liaison tags a commitment by hand (or adds its organisation's approval to a proposed tag).</summary>
public sealed record TagCommitmentRequest(
    [property: Required(ErrorMessage = "tag is required: the id of a tag of the vocabulary (GET /api/tags).")] string? Tag,
    [property: StringLength(1000, ErrorMessage = "reason has at most 1000 characters.")] string? Reason);

/// <summary>Accepting or rejecting one suggestion, with an optional reason.</summary>
public sealed record ReviewSuggestionRequest(
    [property: StringLength(1000, ErrorMessage = "reason has at most 1000 characters.")] string? Reason);

/// <summary>Accepting or rejecting several suggestions at once (at most 200).</summary>
public sealed record BulkReviewRequest(
    IReadOnlyList<Guid>? Ids,
    [property: StringLength(1000, ErrorMessage = "reason has at most 1000 characters.")] string? Reason);

/// <summary>One suggestion's outcome in a bulk review: the HTTP status it would have had alone, and why.</summary>
public sealed record BulkReviewItem(Guid Id, int Status, string? SuggestionStatus, string? Detail);

/// <summary>Every suggestion's outcome in a bulk review, in request order.</summary>
public sealed record BulkReviewResponse(int Succeeded, int Failed, IReadOnlyList<BulkReviewItem> Items);

/// <summary>
/// One audit entry of a commitment's tags: who (actor, organisation), when, what (<c>suggested</c>, <c>accepted</c>,
/// <c>rejected</c>, <c>tagged</c>, <c>confirmed</c>, <c>untagged</c>, <c>superseded</c>, <c>text-changed</c>) and why.
/// </summary>
public sealed record TagAuditResponse(
    long Id,
    string Tag,
    string Action,
    string? Actor,
    string? Organisation,
    DateTimeOffset At,
    string? Reason,
    Guid? SuggestionId,
    string? Detail);

/// <summary>A commitment carrying a tag.</summary>
public sealed record TaggedCommitmentResponse(string CommitmentId, string MemberCode, string Title, string Status, IReadOnlyList<string> ApprovedBy, bool TextChangedSinceConfirmation);

/// <summary>
/// A suggestion rule. <c>Kind</c> <c>flag</c>: matches when the commitment carries one of OGP's policy-area flags named in
/// <c>Phrases</c>; <c>phrase</c>: matches any phrase in the title or full text (case and accent insensitive, whole
/// words; a trailing <c>*</c> matches any word ending); <c>exclude</c>: where its phrases stand in the title, objective or
/// body, OGP's flag for the rule's tag is contradicted (not evidence enough alone). A match counts only when one of
/// <c>Requires</c> (if any) and none of <c>Excludes</c> stands within <c>Window</c> words of it in the same sentence.
/// </summary>
public sealed record TagRuleResponse(string Id, string Tag, string Kind, string? Language, IReadOnlyList<string> Phrases, double Confidence, bool Enabled, int Version)
{
    public IReadOnlyList<string> Requires { get; init; } = [];
    public IReadOnlyList<string> Excludes { get; init; } = [];
    public int Window { get; init; }
}

/// <summary>Creates (with <c>Id</c>) or updates a rule; on update absent fields stay as they are (an empty list clears <c>Requires</c> or <c>Excludes</c>).</summary>
public sealed record TagRuleRequest(string? Id, string? Tag, string? Kind, string? Language, IReadOnlyList<string>? Phrases, double? Confidence, bool? Enabled)
{
    public IReadOnlyList<string>? Requires { get; init; }
    public IReadOnlyList<string>? Excludes { get; init; }
    public int? Window { get; init; }
}

/// <summary>
/// What a suggestion rule would match on the stored commitments, before it is saved: of <c>Examined</c> commitments
/// (removed ones aside), <c>Matched</c> carry words (or the flag) the rule matches where they may be evidence; the first
/// of them by id (at most the <c>limit</c> asked for) with how many matches counted and the words matched.
/// </summary>
public sealed record TagRulePreviewResponse(string Rule, string Tag, string Kind, int Examined, int Matched, IReadOnlyList<TagRulePreviewMatch> Commitments);

/// <summary>One commitment a previewed rule matches: its matches that count, and the evidence (at most 5 distinct words per field).</summary>
public sealed record TagRulePreviewMatch(string CommitmentId, string MemberCode, string Title, int Matches, IReadOnlyList<TagEvidence> Evidence);

/// <summary>
/// The OGP policy-area columns whose flag is evidence for a tag (e.g. <c>sector-health</c> ← <c>Health &amp; Nutrition</c>),
/// and the confidence an admin gives that evidence before any liaison decided on it.
/// </summary>
public sealed record TagPolicyAreasResponse(string Tag, IReadOnlyList<string> PolicyAreas, double Confidence, int Version);

/// <summary>Replaces a tag's OGP policy-area columns (an empty list: no flag is evidence for the tag); absent confidence stays.</summary>
public sealed record SetTagPolicyAreasRequest(IReadOnlyList<string>? PolicyAreas, double? Confidence);

/// <summary>
/// One cell of the calibration: suggestions of <c>Tag</c> whose evidence is of <c>EvidenceKind</c> (and, when <c>Rule</c>
/// is set, decided by that rule). Labelled examples come from the evaluation set; accepted and rejected are liaisons'
/// decisions. <c>Confidence</c> is what a new suggestion of the cell gets now; <c>Queued</c> whether that reaches the queue.
/// </summary>
public sealed record TagCalibrationCell(
    string Tag,
    string EvidenceKind,
    string? Rule,
    int LabelledAccepted,
    int LabelledRejected,
    int Accepted,
    int Rejected,
    double Confidence,
    bool Queued);

/// <summary>The calibration table, with the thresholds that decide what is stored and what is queued.</summary>
public sealed record TagCalibrationResponse(double MinimumConfidence, double QueueThreshold, IReadOnlyList<TagCalibrationCell> Cells);

/// <summary>
/// A recomputation of the suggestions over every stored commitment. <c>Status</c>: <c>queued</c>, <c>running</c>,
/// <c>succeeded</c> or <c>failed</c>. <c>Processed</c> of <c>Total</c> commitments are done; <c>Added</c>, <c>Updated</c>,
/// <c>Superseded</c> count the suggestions it changed (nothing a liaison decided is changed).
/// </summary>
public sealed record TagRecomputeResponse(
    long Id,
    string Status,
    int Total,
    int Processed,
    int Added,
    int Updated,
    int Superseded,
    string? RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);

/// <summary>Starts a recomputation, with an optional reason for the audit.</summary>
public sealed record RecomputeTagSuggestionsRequest(
    [property: StringLength(1000, ErrorMessage = "reason has at most 1000 characters.")] string? Reason);
