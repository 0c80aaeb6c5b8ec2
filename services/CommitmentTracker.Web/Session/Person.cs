using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Web.Session;

/// <summary>The signed-in person as the layout shows them: what the API said at sign-in.</summary>
internal sealed record Person(string Id, string Name, IReadOnlyList<string> Roles, string? Organisation, IReadOnlyList<string> Members)
{
    public static Person Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
        user.FindFirstValue(TrackerClaims.Organisation),
        [.. user.FindAll(TrackerClaims.Member).Select(c => c.Value)]);
}
