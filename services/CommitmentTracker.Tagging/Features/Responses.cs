using CommitmentTracker.Persistence;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Tagging.Features;

/// <summary>Entity-to-DTO mapping, review outcomes as HTTP answers, and the problems several endpoints share.</summary>
internal static class Responses
{
    public const int MaxReasonLength = 1000;
    public const string ReasonTooLong = "reason has at most 1000 characters.";

    private const string TagsChanged = "The tags changed meanwhile.";

    public static TagResponse ToResponse(this Tag t) => new(t.Id, t.Label, t.Description, t.ParentId, t.Retired) { Confirmation = t.Confirmation };

    public static TagSuggestionResponse ToResponse(this TagSuggestion s, string title) => new(
        s.Id, s.CommitmentId, s.MemberCode, title, s.TagId, s.Confidence, s.Status,
        [.. TagReview.Evidence(s.Evidence).Select(e => new TagEvidence(e.Rule, e.Field, e.MatchedText) { Part = e.Part })],
        StoredLines.Split(s.ApprovedBy), s.SuggestedAt.AsUtc(), s.DecidedAt.AsUtc(), s.Version)
    {
        Calibration = TagReview.Calibration(s.Calibration),
    };

    public static CommitmentTagResponse ToResponse(this CommitmentTag t, string label) => new(
        t.TagId, label, t.Status, StoredLines.Split(t.ApprovedBy), t.TextChangedSinceConfirmation, t.TaggedAt.AsUtc(), t.ConfirmedAt.AsUtc(), t.Version);

    public static TaggedCommitmentResponse ToTaggedCommitmentResponse(this CommitmentTag t, string memberCode, string title) =>
        new(t.CommitmentId, memberCode, title, t.Status, StoredLines.Split(t.ApprovedBy), t.TextChangedSinceConfirmation);

    public static CommitmentTagsResponse ToResponse(this TrackedCommitment c, IReadOnlyList<CommitmentTagResponse> tags, IReadOnlyList<TagSuggestionResponse> suggestions) =>
        new(c.Id, c.MemberCode, c.Title, c.Removed, tags, suggestions);

    public static TagAuditResponse ToResponse(this TagAuditEntry e) => new(e.Id, e.TagId, e.Action, e.Actor, e.Organisation, e.At.AsUtc(), e.Reason, e.SuggestionId, e.Detail);

    public static TagRuleResponse ToResponse(this SuggestionRule r) => new(r.Id, r.TagId, r.Kind, r.Language, r.PhraseList, r.Confidence, r.Enabled, r.Version)
    {
        Requires = r.RequiresList, Excludes = r.ExcludesList, Window = r.Window,
    };

    public static TagPolicyAreasResponse ToResponse(this PolicyAreaMapping m) => new(m.TagId, m.PolicyAreaList, m.Confidence, m.Version);

    public static TagRecomputeResponse ToResponse(this RecomputeJob j) => new(
        j.Id, j.Status, j.Total, j.Processed, j.Added, j.Updated, j.Superseded, j.RequestedBy, j.RequestedAt.AsUtc(), j.StartedAt.AsUtc(), j.FinishedAt.AsUtc(), j.Error);

    /// <summary>One suggestion's line in a bulk review: the status and detail it would have had alone.</summary>
    public static BulkReviewItem ToBulkReviewItem(this ReviewOutcome outcome, Guid id)
    {
        switch (outcome)
        {
            case ReviewOutcome.Approval approval:
                return new(id, StatusCodes.Status200OK, approval.Suggestion?.Status, null);
            case ReviewOutcome.Rejected rejected:
                return new(id, StatusCodes.Status200OK, rejected.Suggestion.Status, null);
            default:
                var (status, _, detail) = Failure(outcome);
                return new(id, status, null, detail);
        }
    }

    /// <summary>The problem answer of a review action that did not take effect.</summary>
    public static ProblemHttpResult ToProblem(this ReviewOutcome outcome)
    {
        var (status, title, detail) = Failure(outcome);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    /// <summary>403 for a liaison without an organisation: its approvals could not be attributed.</summary>
    public static ProblemHttpResult NoOrganisation() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
        detail: $"Your key is a liaison key without an organisation ({Organisations.Ogp} or {Organisations.Ocp}); it cannot review tags.");

    public static ValidationProblem InvalidIfMatch() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["If-Match"] = ["If-Match is the suggestion's version, e.g. \"3\"."] }, title: "The request is not valid.");

    public static ProblemHttpResult CommitmentNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The commitment is not known to Tagging.",
        detail: $"No commitment '{id}' has been imported (Tagging learns commitments from ActionPlans' events).");

    public static ProblemHttpResult TagNotFound(string tag) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The tag does not exist.", detail: $"'{tag}' is not in the vocabulary (GET /api/tags).");

    public static ProblemHttpResult RuleNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The rule does not exist.", detail: $"There is no rule '{id}' (GET /api/tag-rules).");

    private static (int Status, string Title, string Detail) Failure(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.SuggestionNotFound n => (StatusCodes.Status404NotFound, "The suggestion does not exist.", $"There is no suggestion {n.Id}."),
        ReviewOutcome.NotTagged n => (StatusCodes.Status404NotFound, "The commitment does not carry this tag.", $"{n.CommitmentId} is not tagged '{n.TagId}'."),
        ReviewOutcome.VersionMismatch m => (StatusCodes.Status412PreconditionFailed, "The suggestion changed since you read it.",
            $"If-Match named version {m.Expected}; the suggestion is at version {m.Current} ({m.Status}). Reload it and decide again."),
        ReviewOutcome.AlreadyDecided d => (StatusCodes.Status409Conflict, TagsChanged, $"The suggestion was {d.Status} already."),
        ReviewOutcome.AlreadyAccepted a => (StatusCodes.Status409Conflict, TagsChanged, $"{a.Organisation} accepted this suggestion already; it awaits the other organisation."),
        ReviewOutcome.AlreadyConfirmed c => (StatusCodes.Status409Conflict, TagsChanged, $"'{c.TagId}' is already confirmed on {c.CommitmentId}."),
        ReviewOutcome.AlreadyApproved a => (StatusCodes.Status409Conflict, TagsChanged, $"{a.Organisation} approved '{a.TagId}' on {a.CommitmentId} already; it awaits the other organisation."),
        ReviewOutcome.TagRetired r => (StatusCodes.Status409Conflict, TagsChanged, $"Tag '{r.TagId}' is retired; it can no longer be applied."),
        ReviewOutcome.ConcurrentChange => (StatusCodes.Status409Conflict, TagsChanged, "Another liaison changed this commitment's tags at the same time. Reload and try again."),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A review action that took effect is no problem."),
    };
}
