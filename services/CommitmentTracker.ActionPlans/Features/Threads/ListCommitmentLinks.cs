using System.ComponentModel.DataAnnotations;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Threads;

/// <summary><c>GET /api/commitment-links?status=&amp;member=</c>: the links between commitments across plans, e.g. the suggestions waiting for a liaison.</summary>
internal static class ListCommitmentLinks
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitment-links", HandleAsync)
            .WithName(nameof(ListCommitmentLinks))
            .WithSummary("List links between commitments across action plans")
            .WithDescription("?status= linked, suggested or rejected; ?member= a member code. Newest first, paged, each with its audit.")
            .WithValidationTitle("The filter is not valid.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<CommitmentLinkResponse>>, ValidationProblem>> HandleAsync(
        ActionPlansDb db,
        [AllowedValues(LinkStatus.Linked, LinkStatus.Suggested, LinkStatus.Rejected, ErrorMessage = "status is one of linked, suggested, rejected.")] string? status,
        [RegularExpression("^[A-Za-z]{2,4}$", ErrorMessage = "member is a member code of 2 to 4 letters.")] string? member,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var query = db.CommitmentLinks.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(l => l.Status == status);
        }

        if (member is not null)
        {
            var code = member.ToUpperInvariant();
            query = query.Where(l => l.MemberCode == code);
        }

        var total = await query.CountAsync(cancellationToken);
        var links = await query.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.CommitmentId).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var ids = links.SelectMany(l => new[] { l.CommitmentId, l.PredecessorId }).Distinct().ToList();
        var commitments = await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
        var audits = await Responses.AuditsAsync(db, links.Select(l => l.Id), cancellationToken);
        return TypedResults.Ok(new PagedResponse<CommitmentLinkResponse>([.. links.Select(l => l.ToResponse(commitments, audits))], paging.Page, paging.PageSize, total));
    }
}
