using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Activity;

/// <summary><c>GET /api/activity?member=&amp;kind=&amp;page=&amp;pageSize=</c>: the events Notifications received, newest first.</summary>
internal static class ListActivity
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/activity", HandleAsync)
            .WithName(nameof(ListActivity))
            .WithSummary("List the events the system has seen")
            .WithDescription("Newest first. Filter by member code and by kind (e.g. action-plan-imported, commitment-changed).")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<ActivityEntryResponse>>, ValidationProblem>> HandleAsync(
        NotificationsDb db, string? member, string? kind, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var query = db.Activity.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(member))
        {
            var code = member.Trim().ToUpperInvariant();
            query = query.Where(e => e.MemberCode == code);
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            var wanted = kind.Trim().ToLowerInvariant();
            query = query.Where(e => e.Kind == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ActivityEntryResponse>([.. items.Select(e => e.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
