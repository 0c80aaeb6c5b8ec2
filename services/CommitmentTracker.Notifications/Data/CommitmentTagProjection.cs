namespace CommitmentTracker.Notifications.Data;

/// <summary>The tags a commitment carries now, kept from tagging events so a commitment change matches tag subscriptions.</summary>
internal sealed class CommitmentTagProjection
{
    public required string CommitmentId { get; set; }
    public required string Tag { get; set; }
}
