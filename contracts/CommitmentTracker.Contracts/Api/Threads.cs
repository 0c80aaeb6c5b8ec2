using System.ComponentModel.DataAnnotations;

namespace CommitmentTracker.Contracts.Api;

/// <summary>
/// A link between a commitment and its predecessor in an earlier plan of the same member. <c>Status</c>: <c>linked</c>,
/// <c>suggested</c> (waits for a liaison) or <c>rejected</c> (kept so it is not suggested again). <c>Origin</c>:
/// <c>carried-forward</c> (OGP's <c>Carried Forward</c> mark and a similar text), <c>similarity</c> (the text alone) or
/// <c>hand</c> (made by a liaison). <c>Similarity</c> is the texts' similarity, 0–1. The last decision says who took
/// it, for which organisation, when and why; <c>History</c> has every step, oldest first.
/// </summary>
public sealed record CommitmentLinkResponse(
    Guid Id,
    string MemberCode,
    string CommitmentId,
    string ActionPlanId,
    string Title,
    string PredecessorId,
    string PredecessorActionPlanId,
    string PredecessorTitle,
    string Status,
    string Origin,
    double Similarity,
    bool CarriedForward,
    string? DecidedBy,
    string? DecidedOrganisation,
    string? Reason,
    DateTimeOffset? DecidedAt,
    DateTimeOffset CreatedAt,
    int Version)
{
    public IReadOnlyList<CommitmentLinkAuditResponse> History { get; init; } = [];
}

/// <summary>One step of a link's audit: <c>linked</c>, <c>suggested</c>, <c>confirmed</c>, <c>rejected</c>, <c>created</c> or <c>removed</c>; who, organisation, why, when.</summary>
public sealed record CommitmentLinkAuditResponse(string Action, string? Actor, string? Organisation, string? Reason, DateTimeOffset At);

/// <summary>A liaison links a commitment to its predecessor by hand: both of the same member, the predecessor in an earlier plan.</summary>
public sealed record CreateCommitmentLinkRequest(
    [property: Required(ErrorMessage = CreateCommitmentLinkRequest.CommitmentIdMessage), RegularExpression(CreateCommitmentLinkRequest.IdPattern, ErrorMessage = CreateCommitmentLinkRequest.CommitmentIdMessage)] string? CommitmentId,
    [property: Required(ErrorMessage = CreateCommitmentLinkRequest.PredecessorIdMessage), RegularExpression(CreateCommitmentLinkRequest.IdPattern, ErrorMessage = CreateCommitmentLinkRequest.PredecessorIdMessage)] string? PredecessorId,
    [property: StringLength(CommitmentLinkReview.MaxReasonLength, ErrorMessage = CommitmentLinkReview.ReasonMessage)] string? Reason)
{
    /// <summary>An OGP commitment id: 2–40 letters, digits, '.', '_' or '-' (spaces around it aside).</summary>
    public const string IdPattern = @"^\s*[A-Za-z0-9._-]{2,40}\s*$";

    private const string CommitmentIdMessage = "commitmentId is required: a commitment id of 2 to 40 letters, digits, '.', '_' or '-'.";
    private const string PredecessorIdMessage = "predecessorId is required: a commitment id of 2 to 40 letters, digits, '.', '_' or '-'.";
}

/// <summary>A liaison confirms a suggested link, with an optional reason.</summary>
public sealed record ConfirmCommitmentLinkRequest(
    [property: StringLength(CommitmentLinkReview.MaxReasonLength, ErrorMessage = CommitmentLinkReview.ReasonMessage)] string? Reason);

/// <summary>A liaison rejects a suggested link; the reason is required (it is kept so the link is not suggested again).</summary>
public sealed record RejectCommitmentLinkRequest(
    [property: Required(ErrorMessage = CommitmentLinkReview.RequiredReasonMessage), MinLength(1, ErrorMessage = CommitmentLinkReview.RequiredReasonMessage), StringLength(CommitmentLinkReview.MaxReasonLength, ErrorMessage = CommitmentLinkReview.RequiredReasonMessage)] string? Reason);

/// <summary>The limits and messages shared by the link review requests.</summary>
public static class CommitmentLinkReview
{
    /// <summary>The longest reason, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The answer to a reason that is too long.</summary>
    public const string ReasonMessage = "reason has at most 1000 characters.";

    /// <summary>The answer to a missing or too long reason where one is required.</summary>
    public const string RequiredReasonMessage = "reason is required, at most 1000 characters.";
}

/// <summary>
/// A reform followed across plans: the requested commitment's chain of linked commitments, oldest first, each with its
/// plan, completion and IRM values and the link to the one before it; and the links still waiting for a liaison.
/// </summary>
public sealed record CommitmentThreadResponse(string CommitmentId, string MemberCode, IReadOnlyList<ThreadCommitmentResponse> Chain, IReadOnlyList<CommitmentLinkResponse> Suggested);

/// <summary>
/// One commitment of a thread: its plan (number, years), title, latest IRM completion (lower case, as in lists) and its
/// IRM values by sheet column (NA, ND and NR kept as states); <c>Link</c> is the link to the previous commitment of
/// the chain (none for the first).
/// </summary>
public sealed record ThreadCommitmentResponse(
    string CommitmentId,
    string ActionPlanId,
    int? ActionPlanNumber,
    int? SubmissionYear,
    int? EndYear,
    string Title,
    string? Completion,
    IReadOnlyDictionary<string, SheetValue> Irm,
    bool CarriedForward,
    bool Removed,
    ThreadLinkResponse? Link);

/// <summary>How a commitment of a thread is linked to the one before it: status, origin, similarity, and who decided.</summary>
public sealed record ThreadLinkResponse(Guid Id, string Status, string Origin, double Similarity, string? DecidedBy, string? DecidedOrganisation, DateTimeOffset? DecidedAt);

/// <summary>A commitment's linked predecessor or successor, as <c>GET /api/commitments/{id}</c> shows it.</summary>
public sealed record LinkedCommitmentResponse(string Id, string ActionPlanId, string Title, Guid LinkId, string Origin);
