namespace CommitmentTracker.ActionPlans.Data;

/// <summary>Kinds of <see cref="CommitmentVersion"/> (and of dry-run diff entries, which add <c>plan-added</c>).</summary>
internal static class ChangeKind
{
    public const string PlanAdded = "plan-added";
    public const string Added = "added";
    public const string Changed = "changed";
    public const string Removed = "removed";
    public const string Restored = "restored";
}
