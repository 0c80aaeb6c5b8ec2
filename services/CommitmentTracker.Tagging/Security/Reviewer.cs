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

/// <summary>A caller who may review tags: a liaison of OGP or OCP, or an admin (recorded as <see cref="Organisations.Admin"/> unless the key names an organisation).</summary>
internal sealed record Reviewer(string Actor, string Organisation)
{
    public bool IsAdmin => Organisation == Organisations.Admin;

    /// <summary>The reviewer, or null for a liaison key without a valid organisation (and for every other role).</summary>
    public static Reviewer? From(ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        if (caller.IsLiaison && caller.Organisation is { } organisation)
        {
            return new Reviewer(caller.Id, organisation);
        }

        return caller.IsAdmin ? new Reviewer(caller.Id, caller.Organisation ?? Organisations.Admin) : null;
    }
}
