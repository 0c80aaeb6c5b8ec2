using System.Security.Claims;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>
/// Who is calling, the one way every service reads it from the authenticated principal, whatever authenticated it
/// (API key, external JWT, the gateway's forwarded identity): never from a request body.
/// </summary>
/// <param name="Id">The key id or token subject (what records of who acted keep), else the caller's name.</param>
/// <param name="Name">The key's or token's display name.</param>
/// <param name="Roles">The caller's roles (<see cref="Security.Roles"/>).</param>
/// <param name="Organisation">A liaison's organisation (<see cref="Organisations"/>), or null.</param>
/// <param name="Members">The member codes a country lead may act for, upper case.</param>
public sealed record Caller(string Id, string? Name, IReadOnlySet<string> Roles, string? Organisation, IReadOnlySet<string> Members)
{
    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);

    public bool IsLiaison => Roles.Contains(Security.Roles.Liaison);

    public bool IsCountryLead => Roles.Contains(Security.Roles.CountryLead);

    /// <summary>A country lead who is not also an admin acts only for the members of its scope.</summary>
    public bool IsScoped => IsCountryLead && !IsAdmin;

    /// <summary>Whether the caller may act for <paramref name="memberCode"/>: admins always, country leads within their scope.</summary>
    public bool MayActFor(string memberCode) => IsAdmin || (IsCountryLead && Members.Contains(memberCode.Trim().ToUpperInvariant()));

    /// <summary>The caller of a request (or of any authenticated principal).</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Caller(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "unknown",
            user.Identity?.Name,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            OrganisationOf(user),
            user.FindAll(TrackerClaims.Member).Select(c => c.Value.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The liaison organisation the principal carries (<see cref="Organisations"/>), or null when none or another value.</summary>
    private static string? OrganisationOf(ClaimsPrincipal user)
    {
        var value = user.FindFirst(TrackerClaims.Organisation)?.Value?.Trim();
        return Organisations.All.FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase));
    }
}
