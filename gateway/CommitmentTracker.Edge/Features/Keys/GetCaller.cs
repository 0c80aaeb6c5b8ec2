using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CommitmentTracker.Edge.Features.Keys;

/// <summary>
/// <c>GET /api/me</c>: any authenticated caller reads who the API takes it to be. Served where credentials are checked
/// (the embedded host, the gateway), beside the key endpoints, so a revoked key is a 401 here as anywhere.
/// </summary>
internal static class GetCaller
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me", Handle)
            .WithTags("API keys")
            .WithName(nameof(GetCaller))
            .WithSummary("Who the caller is: key id or token subject, name, roles, organisation, member scope")
            .WithDescription("For API keys and bearer tokens alike; the claims every endpoint and policy reads.")
            .RequireAuthorization(Policies.Authenticated);

    internal static Ok<CallerResponse> Handle(ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        return TypedResults.Ok(new CallerResponse(
            caller.Id,
            caller.Name ?? caller.Id,
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal)],
            user.FindFirstValue(TrackerClaims.Organisation),
            [.. user.FindAll(TrackerClaims.Member).Select(c => c.Value).Distinct(StringComparer.Ordinal)]));
    }
}
