using CommitmentTracker.Persistence;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Engagement.Features;

/// <summary>Entity-to-DTO mapping and the answers the endpoints share.</summary>
internal static class EngagementResponses
{
    public static IReadOnlyList<EngagementComponentResponse> ComponentsOf(string json) =>
        [.. EngagementAssessor.Components(json).Select(c => new EngagementComponentResponse(c.Name, c.Score, c.Weight, c.Explanation))];

    public static OcdsPublicationResponse ToResponse(this OcdsPublication p, EngagementRules rules, DateOnly today) => new(
        p.Id, p.Title, p.Country, p.MemberCode, p.Region, p.SourceUrl, p.LastRetrieved, p.DateFrom, p.DateTo, p.Frozen,
        !p.Frozen && rules.IsFresh(p, today), p.StageList, p.ImportedAt.AsUtc());

    public static EngagementHistoryEntryResponse ToResponse(this AssessmentHistoryEntry e) => new(
        e.Version, e.PreviousCategory, e.Category, e.Score, ComponentsOf(e.Components), e.Explanation, e.IsDip, StoredLines.Split(e.DipReasons), e.Trigger, e.AssessedAt.AsUtc());

    public static MandateResponse? ToMandateResponse(string memberCode, IReadOnlyList<MandateScore> scores)
    {
        if (scores.Count == 0)
        {
            return null;
        }

        MandateComponentResponse? Of(string component) =>
            scores.FirstOrDefault(s => s.Component == component) is { } s ? new MandateComponentResponse(s.Score, s.Note, s.AssessedOn) : null;
        var latest = scores.MaxBy(s => s.EnteredAt)!;
        return new MandateResponse(
            memberCode, Of(MandateComponents.PoliticalLeadership), Of(MandateComponents.NamedOfficials), Of(MandateComponents.Resources), Of(MandateComponents.Coalition),
            latest.EnteredBy, latest.EnteredAt.AsUtc());
    }

    public static ProblemHttpResult MemberNotFound(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The member is not known to Engagement.",
        detail: $"No member '{code}' has been seen in action plan or commitment events.");
}
