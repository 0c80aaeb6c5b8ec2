using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary><c>GET /api/import-sources</c>: the configured sources and what their last pull did (admins).</summary>
internal static class GetImportSources
{
    public static void MapGetImportSources(this RouteGroupBuilder api) =>
        api.MapGet("/import-sources", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("ListImportSources")
            .WithSummary("List the configured import sources and their last pull")
            .WithDescription("Admins only. Sources come from configuration (Imports:Sources); a source without an interval is pulled on request only.");

    internal static async Task<Ok<IReadOnlyList<ImportSourceResponse>>> HandleAsync(ActionPlansDb db, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var states = await db.ImportSourceStates.AsNoTracking().ToDictionaryAsync(s => s.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        IReadOnlyList<ImportSourceResponse> sources = [.. options.Value.Sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var state = states.GetValueOrDefault(s.Key);
            return new ImportSourceResponse(
                s.Key,
                s.Value.Url!.GetLeftPart(UriPartial.Path),
                s.Value.Interval,
                state?.LastCheckedAt.AsUtc(),
                state?.LastOutcome,
                s.Value.Interval is null ? null : state?.NextDueAt.AsUtc(),
                state?.LastImportId);
        })];
        return TypedResults.Ok(sources);
    }
}
