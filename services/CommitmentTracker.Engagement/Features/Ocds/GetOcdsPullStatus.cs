using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary>
/// <c>GET /api/ocds-publications/pull</c>: whether the registry is pulled on a schedule, when it was last checked, what
/// came of it and when the next pull is due, so admins see a failing source without reading the logs.
/// </summary>
internal static class GetOcdsPullStatus
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/ocds-publications/pull", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetOcdsPullStatus))
            .WithSummary("The scheduled pull of the OCP Data Registry: last result and next due time")
            .WithDescription("Admins only. configured is false when Engagement:Ocds:SourceUrl or PullInterval is not set (uploads only). lastResult is imported, not-modified or rejected (nothing imported; lastOutcome says why). The source is shown without credentials or query.");

    internal static async Task<Ok<OcdsPullStatusResponse>> HandleAsync(EngagementDb db, IOptions<EngagementOptions> options, CancellationToken cancellationToken)
    {
        var state = await db.RegistryPulls.AsNoTracking().FirstOrDefaultAsync(s => s.Name == RegistryPullState.RegistryName, cancellationToken);
        return TypedResults.Ok(state.ToResponse(options.Value.Ocds));
    }
}
