using CommitmentTracker.Notifications.Data;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Notifications.Subscriptions;

/// <summary>Who sees which subscription: admins every one, anyone else only their own (someone else's does not exist for them).</summary>
internal static class SubscriptionAccess
{
    public static IQueryable<Subscription> VisibleTo(this IQueryable<Subscription> subscriptions, Caller caller) =>
        subscriptions.Where(s => caller.IsAdmin || s.Owner == caller.Id);
}
