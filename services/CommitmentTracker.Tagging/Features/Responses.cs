using CommitmentTracker.Persistence;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using CommitmentTracker.Tagging.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Tagging.Features;

/// <summary>Entity-to-DTO mapping and the checks every write endpoint shares.</summary>
internal static class Responses
{
    public const int MaxReasonLength = 1000;

    public static TagResponse ToResponse(this Tag t) => new(t.Id, t.Label, t.Description, t.ParentId, t.Retired) { Confirmation = t.Confirmation };

    public static TagSuggestionResponse ToResponse(this TagSuggestion s, string title) => new(
        s.Id, s.CommitmentId, s.MemberCode, title, s.TagId, s.Confidence, s.Status,
        [.. TagReview.Evidence(s.Evidence).Select(e => new TagEvidence(e.Rule, e.Field, e.MatchedText))],
        StoredLines.Split(s.ApprovedBy), s.SuggestedAt.AsUtc(), s.DecidedAt.AsUtc(), s.Version);

    public static CommitmentTagResponse ToResponse(this CommitmentTag t, string label) => new(
        t.TagId, label, t.Status, StoredLines.Split(t.ApprovedBy), t.TextChangedSinceConfirmation, t.TaggedAt.AsUtc(), t.ConfirmedAt.AsUtc(), t.Version);

    public static TagAuditResponse ToResponse(this TagAuditEntry e) => new(e.Id, e.TagId, e.Action, e.Actor, e.Organisation, e.At.AsUtc(), e.Reason, e.SuggestionId, e.Detail);

    public static TagRuleResponse ToResponse(this SuggestionRule r) => new(r.Id, r.TagId, r.Kind, r.Language, r.PhraseList, r.Confidence, r.Enabled, r.Version);

    /// <summary>403 for a liaison key without an organisation: its approvals could not be attributed.</summary>
    public static ProblemHttpResult NoOrganisation() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
        detail: $"Your key is a liaison key without an organisation ({Organisations.Ogp} or {Organisations.Ocp}); it cannot review tags.");

    public static ProblemHttpResult Problem(ReviewOutcome outcome) => TypedResults.Problem(statusCode: outcome.Status, title: outcome.Title, detail: outcome.Detail);

    public static ValidationProblem? CheckReason(string? reason) =>
        reason is { Length: > MaxReasonLength }
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"reason has at most {MaxReasonLength} characters."] }, title: "The request is not valid.")
            : null;

    public static string? Clean(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    /// <summary>Commitment ids as ActionPlans stores them (upper case).</summary>
    public static string CommitmentId(string id) => id.Trim().ToUpperInvariant();

    public static ProblemHttpResult CommitmentNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The commitment is not known to Tagging.",
        detail: $"No commitment '{id}' has been imported (Tagging learns commitments from ActionPlans' events).");

    public static ProblemHttpResult TagNotFound(string tag) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The tag does not exist.", detail: $"'{tag}' is not in the vocabulary (GET /api/tags).");
}
