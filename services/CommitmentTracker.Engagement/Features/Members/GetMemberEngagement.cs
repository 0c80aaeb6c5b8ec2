using CommitmentTracker.Persistence;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Members;

/// <summary>
/// <c>GET /api/members/{code}/engagement</c> (the assessment, explained, with its inputs) and
/// <c>GET /api/members/{code}/engagement/history</c>. These paths sit under ActionPlans' <c>/api/members/{code}</c>; the
/// gateway sends them to Engagement (route engagement-member, Order 1).
/// </summary>
internal static class GetMemberEngagement
{
    public static void MapGetMemberEngagement(this RouteGroupBuilder api)
    {
        api.MapGet("/members/{code}/engagement", GetAsync)
            .WithName("GetMemberEngagement")
            .WithSummary("Get a member's engagement assessment, explained")
            .WithDescription("Category, score and components, a plain-language explanation naming the commitments and signals behind it, the dips in force, and the inputs: open contracting commitments, OCDS publications, mandate.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/members/{code}/engagement/history", HistoryAsync)
            .WithName("GetMemberEngagementHistory")
            .WithSummary("List the changes of a member's engagement assessment, newest first")
            .WithDescription("Each change of category, component or dips, with what triggered it and the dips that started with it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<EngagementResponse>, ProblemHttpResult>> GetAsync(
        string code, EngagementDb db, EngagementRules rules, TimeProvider time, CancellationToken cancellationToken)
    {
        var memberCode = MemberCodes.Normalize(code);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Code == memberCode, cancellationToken);
        var assessment = member is null ? null : await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.MemberCode == memberCode, cancellationToken);
        if (member is null || assessment is null)
        {
            return EngagementResponses.MemberNotFound(code);
        }

        var tags = (await db.ConfirmedTags.AsNoTracking().Where(t => t.MemberCode == memberCode).ToListAsync(cancellationToken))
            .ToLookup(t => t.CommitmentId, t => t.Tag);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.MemberCode == memberCode && !c.Removed).ToListAsync(cancellationToken);
        var openContracting = commitments.Where(c => tags[c.Id].Any(rules.IsOpenContracting)).OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new EngagementCommitmentResponse(c.Id, c.ActionPlanId, c.Title, [.. tags[c.Id].Order(StringComparer.Ordinal)],
                EngagementRules.Completion(c), c.PotentialImpact, c.PotentialForResults, c.EarlyResults, c.DidItOpenGovernment))
            .ToList();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var publications = await db.OcdsPublications.AsNoTracking().Where(p => p.MemberCode == memberCode).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var mandate = await db.MandateScores.AsNoTracking().Where(m => m.MemberCode == memberCode).ToListAsync(cancellationToken);
        return TypedResults.Ok(new EngagementResponse(
            member.Code, member.Name, member.Region, assessment.Category, assessment.Score, EngagementResponses.ComponentsOf(assessment.Components),
            assessment.Explanation, StoredLines.Split(assessment.Warnings), openContracting,
            [.. publications.Select(p => p.ToResponse(rules, today))], EngagementResponses.ToMandateResponse(member.Code, mandate),
            assessment.Version, assessment.AssessedAt.AsUtc()));
    }

    internal static async Task<Results<Ok<PagedResponse<EngagementHistoryEntryResponse>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string code, int? page, int? pageSize, EngagementDb db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var memberCode = MemberCodes.Normalize(code);
        if (!await db.Members.AnyAsync(m => m.Code == memberCode, cancellationToken))
        {
            return EngagementResponses.MemberNotFound(code);
        }

        var query = db.AssessmentHistory.AsNoTracking().Where(e => e.MemberCode == memberCode);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Version).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<EngagementHistoryEntryResponse>([.. items.Select(e => e.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
