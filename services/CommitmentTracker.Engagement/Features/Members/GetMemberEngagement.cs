using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Members;

/// <summary>
/// <c>GET /api/members/{code}/engagement</c>: the assessment, explained, with its inputs. The path sits under
/// ActionPlans' <c>/api/members/{code}</c>; the gateway sends it to Engagement (route engagement-member, Order 1).
/// </summary>
internal static class GetMemberEngagement
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/members/{code}/engagement", HandleAsync)
            .WithName(nameof(GetMemberEngagement))
            .WithSummary("Get a member's engagement assessment, explained")
            .WithDescription("Category, score and components, a plain-language explanation naming the commitments (each with its source: OGP's flag, liaisons' confirmed tags) and signals behind it, the dips in force, and the inputs: open contracting commitments with their sources, the flagged ones liaisons took out, OCDS publications, mandate.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<EngagementResponse>, ProblemHttpResult>> HandleAsync(
        string code, EngagementDb db, EngagementRules rules, TimeProvider time, CancellationToken cancellationToken)
    {
        var memberCode = MemberCodes.Normalize(code);
        // One snapshot: the stored explanation and the rows it explains, as one commit left them.
        var response = await db.Database.InReadSnapshotAsync(ct => ReadAsync(memberCode, db, rules, time, ct), cancellationToken);
        return response is null ? Responses.MemberNotFound(code) : TypedResults.Ok(response);
    }

    private static async Task<EngagementResponse?> ReadAsync(string memberCode, EngagementDb db, EngagementRules rules, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Code == memberCode, cancellationToken);
        var assessment = member is null ? null : await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.MemberCode == memberCode, cancellationToken);
        if (member is null || assessment is null)
        {
            return null;
        }

        var confirmed = await db.ConfirmedTags.AsNoTracking().Where(t => t.MemberCode == memberCode).ToListAsync(cancellationToken);
        var decisions = await db.LiaisonDecisions.AsNoTracking().Where(d => d.MemberCode == memberCode).ToListAsync(cancellationToken);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.MemberCode == memberCode && !c.Removed).ToListAsync(cancellationToken);
        var classes = rules.Classify(commitments, confirmed, decisions);
        var tags = confirmed.ToLookup(t => t.CommitmentId, t => t.Tag);
        var openContracting = classes.OpenContracting.Select(c => c.ToResponse(tags[c.Id], classes.Sources[c.Id])).ToList();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var publications = await db.OcdsPublications.AsNoTracking().Where(p => p.MemberCode == memberCode).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var mandate = await db.MandateScores.AsNoTracking().Where(m => m.MemberCode == memberCode).ToListAsync(cancellationToken);
        return assessment.ToResponse(
            member, openContracting, [.. publications.Select(p => p.ToResponse(rules, today))], mandate.ToResponse(member.Code),
            [.. classes.Excluded.Select(x => x.ToResponse(tags[x.Commitment.Id]))]);
    }
}
