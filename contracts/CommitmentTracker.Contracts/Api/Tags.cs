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

/// <summary>Which rule matched which words of which field.</summary>
public sealed record TagEvidence(string Rule, string Field, string MatchedText);

/// <summary>
/// A suggested tag in the review queue. <c>Status</c>: <c>pending</c>, <c>proposed</c> (accepted by one organisation,
/// awaiting the other), <c>accepted</c>, <c>rejected</c> or <c>superseded</c> (the text changed and no rule matches any more).
/// <c>Version</c> is the value to send in <c>If-Match</c>.
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
    int Version);

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
/// words; a trailing <c>*</c> matches any word ending).
/// </summary>
public sealed record TagRuleResponse(string Id, string Tag, string Kind, string? Language, IReadOnlyList<string> Phrases, double Confidence, bool Enabled, int Version);

/// <summary>Creates (with <c>Id</c>) or updates a rule; on update absent fields stay as they are.</summary>
public sealed record TagRuleRequest(string? Id, string? Tag, string? Kind, string? Language, IReadOnlyList<string>? Phrases, double? Confidence, bool? Enabled);
