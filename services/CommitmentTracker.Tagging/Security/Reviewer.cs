using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Tagging.Security;

/// <summary>The two organisations whose liaisons review tags, and the admin override.</summary>
internal static class Organisations
{
    public const string Ogp = "OGP";
    public const string Ocp = "OCP";
    /// <summary>Recorded as the approver when an admin (who belongs to neither organisation) tags or accepts.</summary>
    public const string Admin = "admin";
}

/// <summary>Tagging's authorization policies.</summary>
internal static class TaggingPolicies
{
    /// <summary>Liaisons and admins: accept, reject, tag, untag. Readers and country leads cannot.</summary>
    public const string Review = Policies.Liaison;
}

/// <summary>Who is acting: the caller's id and organisation, both from its key, never from the request body.</summary>
internal sealed record Reviewer(string Actor, string Organisation)
{
    /// <summary>The claim that carries a liaison's organisation; the one place Tagging reads it.</summary>
    public const string OrganisationClaim = TrackerClaims.Organisation;

    public bool IsAdmin => Organisation == Organisations.Admin;

    /// <summary>The liaison's organisation (OGP or OCP), or null when the key carries none or another value.</summary>
    public static string? OrganisationOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = user.FindFirst(OrganisationClaim)?.Value?.Trim();
        return value is null ? null
            : value.Equals(Organisations.Ogp, StringComparison.OrdinalIgnoreCase) ? Organisations.Ogp
            : value.Equals(Organisations.Ocp, StringComparison.OrdinalIgnoreCase) ? Organisations.Ocp
            : null;
    }

    /// <summary>The reviewer, or null for a liaison key without a valid organisation.</summary>
    public static Reviewer? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var actor = user.ActorId();
        var organisation = OrganisationOf(user);
        if (user.IsInRole(Roles.Liaison) && organisation is not null)
        {
            return new Reviewer(actor, organisation);
        }

        return user.IsInRole(Roles.Admin) ? new Reviewer(actor, organisation ?? Organisations.Admin) : null;
    }
}
