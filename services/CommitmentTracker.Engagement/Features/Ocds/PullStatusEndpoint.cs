using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary>
/// <c>GET /api/ocds-publications/pull</c>: whether the registry is pulled on a schedule, when it was last checked, what
/// came of it and when the next pull is due, so admins see a failing source without reading the logs.
/// </summary>
internal static class PullStatusEndpoint
{
    public static void MapOcdsPullStatus(this RouteGroupBuilder api) =>
        api.MapGet("/ocds-publications/pull", GetAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("GetOcdsPullStatus")
            .WithSummary("The scheduled pull of the OCP Data Registry: last result and next due time")
            .WithDescription("Admins only. configured is false when Engagement:Ocds:SourceUrl or PullInterval is not set (uploads only). lastResult is imported, not-modified or rejected (nothing imported; lastOutcome says why). The source is shown without credentials or query.");

    internal static async Task<Ok<OcdsPullStatusResponse>> GetAsync(EngagementDb db, IOptions<EngagementOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value.Ocds;
        var configured = settings.SourceUrl is not null && settings.PullInterval is not null;
        var state = await db.RegistryPulls.AsNoTracking().FirstOrDefaultAsync(s => s.Name == RegistryPullState.RegistryName, cancellationToken);
        return TypedResults.Ok(new OcdsPullStatusResponse(
            configured,
            settings.SourceUrl?.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped),
            settings.PullInterval,
            state?.LastCheckedAt.AsUtc(),
            configured && state is not null ? state.NextDueAt.AsUtc() : null,
            state?.LastResult,
            state?.LastOutcome));
    }
}
