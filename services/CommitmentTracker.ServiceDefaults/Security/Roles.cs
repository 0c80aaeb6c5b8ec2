namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>The roles a caller can hold.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Liaison = "liaison";
    public const string CountryLead = "country-lead";
    public const string Reader = "reader";

    public static readonly IReadOnlyList<string> All = [Admin, Liaison, CountryLead, Reader];
}

/// <summary>The organisations a liaison works for.</summary>
public static class Organisations
{
    public const string Ogp = "OGP";
    public const string Ocp = "OCP";

    public static readonly IReadOnlyList<string> All = [Ogp, Ocp];
}

/// <summary>
/// Claim types every process reads, whatever authenticated the caller (API key, external JWT, the gateway's internal
/// token). The key id is <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/> and roles are
/// <see cref="System.Security.Claims.ClaimTypes.Role"/>; these two have no standard type.
/// </summary>
public static class TrackerClaims
{
    /// <summary>The liaison's organisation (<see cref="Organisations"/>).</summary>
    public const string Organisation = "org";

    /// <summary>One claim per member code a country lead may act for.</summary>
    public const string Member = "member";
}

/// <summary>Authorization policy names used by endpoints and, for the gateway, by routes.</summary>
public static class Policies
{
    /// <summary>Any authenticated caller. It is also the fallback for every endpoint that names no policy.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>Admins only.</summary>
    public const string Admin = "admin";

    /// <summary>Liaisons (of either organisation) and admins.</summary>
    public const string Liaison = "liaison";

    /// <summary>Admins, and country leads whose member scope holds the route's <c>code</c>.</summary>
    public const string MemberScope = "member-scope";

    public static readonly IReadOnlyList<string> All = [Authenticated, Admin, Liaison, MemberScope];
}

/// <summary>Request headers that carry credentials.</summary>
public static class SecurityHeaders
{
    public const string ApiKey = "X-Api-Key";

    /// <summary>The gateway's <see cref="InternalToken"/>; only the gateway may set it.</summary>
    public const string ForwardedIdentity = InternalToken.HeaderName;
}
