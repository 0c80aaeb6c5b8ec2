using System.Security.Claims;

namespace CommitmentTracker.ServiceDefaults.Security;

public static class ActorExtensions
{
    /// <summary>Who acted, for records that keep it: the key id or token subject, else the caller's name.</summary>
    public static string ActorId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "unknown";
    }
}
