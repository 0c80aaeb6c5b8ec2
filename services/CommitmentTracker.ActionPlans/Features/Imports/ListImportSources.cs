using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary><c>GET /api/import-sources</c>: the configured sources and what their last pull did (admins).</summary>
internal static class ListImportSources
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/import-sources", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListImportSources))
            .WithSummary("List the configured import sources and their last pull")
            .WithDescription("Admins only. Sources come from configuration (Imports:Sources); a source without an interval is pulled on request only.");

    internal static async Task<Ok<IReadOnlyList<ImportSourceResponse>>> HandleAsync(ActionPlansDb db, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var states = await db.ImportSourceStates.AsNoTracking().ToDictionaryAsync(s => s.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        IReadOnlyList<ImportSourceResponse> sources = [.. options.Value.Sources.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => states.GetValueOrDefault(s.Key).ToResponse(s.Key, s.Value))];
        return TypedResults.Ok(sources);
    }
}
