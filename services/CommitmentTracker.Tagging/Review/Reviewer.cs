using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Tagging.Review;

/// <summary>
/// A <see cref="Caller"/> who may review tags: a liaison of OGP or OCP, or an admin (recorded as <see cref="Admin"/>
/// unless the caller names an organisation). The review endpoints require <see cref="Policies.Liaison"/> first.
/// </summary>
internal sealed record Reviewer(string Actor, string Organisation)
{
    /// <summary>Recorded as the approver when an admin (who belongs to neither organisation) tags or accepts.</summary>
    public const string Admin = "admin";

    /// <summary>The reviewer, or null for a liaison without a valid organisation (and for every other role).</summary>
    public static Reviewer? From(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsLiaison && caller.Organisation is { } organisation)
        {
            return new Reviewer(caller.Id, organisation);
        }

        return caller.IsAdmin ? new Reviewer(caller.Id, caller.Organisation ?? Admin) : null;
    }
}
