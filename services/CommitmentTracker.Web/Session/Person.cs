using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;
using TrackerRoles = CommitmentTracker.ServiceDefaults.Security.Roles;

namespace CommitmentTracker.Web.Session;

/// <summary>
/// The signed-in person as the API described them at sign-in, and what the API lets them do: a page offers an action
/// only when the API's policy for it admits the person (docs/security.md), so no button answers 403.
/// </summary>
internal sealed record Person(string Id, string Name, IReadOnlyList<string> Roles, string? Organisation, IReadOnlyList<string> Members)
{
    /// <summary>Notifications' default <c>SubscriberRoles</c>: readers may read their (empty) feed but not subscribe.</summary>
    private static readonly string[] SubscriberRoles = [TrackerRoles.Admin, TrackerRoles.CountryLead, TrackerRoles.Liaison];

    public bool IsAdmin => Roles.Contains(TrackerRoles.Admin);

    public bool IsLiaison => Roles.Contains(TrackerRoles.Liaison);

    /// <summary>Tagging's writes (accept, reject, tag, untag): admins, and liaisons whose key names OGP or OCP.</summary>
    public bool MayReview => IsAdmin || (IsLiaison && Organisation is not null && Organisations.All.Contains(Organisation, StringComparer.OrdinalIgnoreCase));

    /// <summary>The mandate assessment: Engagement's <c>liaison</c> policy (liaisons and admins), never country leads.</summary>
    public bool MayAssessMandate => IsAdmin || IsLiaison;

    /// <summary>A country lead who is not also an admin: subscriptions name members of its scope only.</summary>
    public bool IsScoped => Roles.Contains(TrackerRoles.CountryLead) && !IsAdmin;

    public bool MaySubscribe => Roles.Any(role => SubscriberRoles.Contains(role, StringComparer.Ordinal));

    /// <summary>Whether a subscription to <paramref name="memberCode"/> would be accepted: a scoped lead only within its scope.</summary>
    public bool MayFollow(string memberCode) =>
        MaySubscribe && (!IsScoped || Members.Contains(memberCode.Trim(), StringComparer.OrdinalIgnoreCase));

    public static Person Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
        user.FindFirstValue(TrackerClaims.Organisation),
        [.. user.FindAll(TrackerClaims.Member).Select(c => c.Value)]);
}
