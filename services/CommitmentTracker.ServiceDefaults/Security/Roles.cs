namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>The roles a caller can hold.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Liaison = "liaison";
    public const string CountryLead = "country-lead";
    public const string Reader = "reader";
}

/// <summary>Authorization policy names used by endpoints (and, for the gateway, by routes).</summary>
public static class Policies
{
    /// <summary>Any authenticated caller. It is also the fallback for every endpoint that names no policy.</summary>
    public const string Authenticated = "authenticated";
    public const string Admin = "admin";
}
