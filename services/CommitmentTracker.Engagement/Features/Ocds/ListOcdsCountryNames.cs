using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Ocds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary><c>GET /api/ocds-publications/country-names</c>: every mapped registry name and where the mapping comes from.</summary>
internal static class ListOcdsCountryNames
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/ocds-publications/country-names", HandleAsync)
            .WithName(nameof(ListOcdsCountryNames))
            .WithSummary("List the registry country names mapped to members")
            .WithDescription("The maintained table shipped with the service, the names from settings, and the names admins added (which win), with their source.");

    internal static async Task<Ok<List<CountryNameResponse>>> HandleAsync(EngagementDb db, CountryNames names, CancellationToken cancellationToken) =>
        TypedResults.Ok((await names.AllAsync(db, cancellationToken)).Select(n => n.ToResponse()).ToList());
}
