using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Engagement.Features;

/// <summary>The one place Engagement's entities become API answers, and the problems its endpoints share.</summary>
internal static class Responses
{
    public static EngagementMemberResponse ToResponse(this MemberProjection member, MemberAssessment? assessment, int actionPlans) =>
        new(member.Code, member.Name, actionPlans, member.LatestActionPlanId, member.UpdatedAt.AsUtc())
        {
            Region = member.Region,
            Category = assessment?.Category ?? EngagementCategory.NotEnoughData,
            Score = assessment?.Score ?? 0,
            Warnings = assessment is null ? [] : StoredLines.Split(assessment.Warnings),
            AssessedAt = assessment?.AssessedAt.AsUtc(),
        };

    public static EngagementResponse ToResponse(
        this MemberAssessment assessment, MemberProjection member, IReadOnlyList<EngagementCommitmentResponse> openContracting,
        IReadOnlyList<OcdsPublicationResponse> publications, MandateResponse? mandate, IReadOnlyList<EngagementCommitmentResponse> excluded) => new(
        member.Code, member.Name, member.Region, assessment.Category, assessment.Score, ComponentsOf(assessment.Components),
        assessment.Explanation, StoredLines.Split(assessment.Warnings), openContracting, publications, mandate,
        assessment.Version, assessment.AssessedAt.AsUtc())
    {
        ExcludedCommitments = excluded,
    };

    /// <summary>An open contracting commitment with its confirmed tags (in order), its IRM values as written and why it counts.</summary>
    public static EngagementCommitmentResponse ToResponse(this TrackedCommitment c, IEnumerable<string> tags, CommitmentSource? source) => new(
        c.Id, c.ActionPlanId, c.Title, [.. tags.Order(StringComparer.Ordinal)],
        EngagementRules.Completion(c), c.PotentialImpact, c.PotentialForResults, c.EarlyResults, c.DidItOpenGovernment)
    {
        Sources = source?.Codes ?? [],
        ConfirmedBy = source?.ConfirmedBy ?? [],
    };

    /// <summary>A flagged commitment a liaison's rejection took out, with who decided, why and when.</summary>
    public static EngagementCommitmentResponse ToResponse(this ExcludedCommitment x, IEnumerable<string> tags) =>
        x.Commitment.ToResponse(tags, new CommitmentSource(true, false, [])) with
        {
            Excluded = new EngagementExclusionResponse(x.Rejection.Actor, x.Rejection.Organisation, x.Rejection.Reason, x.Rejection.Tag, x.Rejection.DecidedAt.AsUtc()),
        };

    public static EngagementHistoryEntryResponse ToResponse(this AssessmentHistoryEntry e) => new(
        e.Version, e.PreviousCategory, e.Category, e.Score, ComponentsOf(e.Components), e.Explanation, e.IsDip, StoredLines.Split(e.DipReasons), e.Trigger, e.AssessedAt.AsUtc());

    /// <summary>A member's mandate from its scores; none when it has not been assessed.</summary>
    public static MandateResponse? ToResponse(this IReadOnlyList<MandateScore> scores, string memberCode)
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

    /// <summary>A publication as stored; <c>fresh</c> is computed for <paramref name="today"/>.</summary>
    public static OcdsPublicationResponse ToResponse(this OcdsPublication p, EngagementRules rules, DateOnly today) => new(
        p.Id, p.Title, p.Country, p.MemberCode, p.Region, p.SourceUrl, p.LastRetrieved, p.DateFrom, p.DateTo, p.Frozen,
        !p.Frozen && rules.IsFresh(p, today), p.StageList, p.ImportedAt.AsUtc());

    public static OcdsImportResponse ToResponse(this OcdsImportResult result) => new(
        result.Source, result.ImportedAt, result.Publications, result.Mapped,
        [.. result.Unmapped.Select(u => new UnmappedCountryResponse(u.Country, u.PublicationIds))], result.MembersReassessed);

    public static CountryNameResponse ToResponse(this MappedCountryName name) => new(name.Name, name.MemberCode, name.Source);

    /// <summary>An admin's name as just stored, with the number of stored publications it now maps.</summary>
    public static CountryNameResponse ToResponse(this CountryAlias alias, int publicationsMapped) =>
        new(alias.Name, alias.MemberCode, CountryNames.FromAdmin) { PublicationsMapped = publicationsMapped };

    /// <summary>An admin's name just removed: where the name maps now (<paramref name="code"/> from <paramref name="source"/>, or nowhere).</summary>
    public static RemovedCountryNameResponse ToRemovedResponse(this CountryAlias alias, string? code, string? source, int publicationsRemapped) =>
        new(alias.Name, code, source, publicationsRemapped);

    /// <summary>The scheduled pull's settings and its last outcome (none before the first pull); the source without credentials or query.</summary>
    public static OcdsPullStatusResponse ToResponse(this RegistryPullState? state, OcdsOptions settings)
    {
        var configured = settings.SourceUrl is not null && settings.PullInterval is not null;
        return new OcdsPullStatusResponse(
            configured,
            settings.SourceUrl?.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped),
            settings.PullInterval,
            state?.LastCheckedAt.AsUtc(),
            configured && state is not null ? state.NextDueAt.AsUtc() : null,
            state?.LastResult,
            state?.LastOutcome);
    }

    public static ProblemHttpResult MemberNotFound(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The member is not known to Engagement.",
        detail: $"No member '{code}' has been seen in action plan or commitment events.");

    private static IReadOnlyList<EngagementComponentResponse> ComponentsOf(string json) =>
        [.. EngagementAssessor.Components(json).Select(c => new EngagementComponentResponse(c.Name, c.Score, c.Weight, c.Explanation))];
}
