namespace CommitmentTracker.Notifications.Data;

/// <summary>An event Notifications received: the raw material of subscriptions, digests and the feed.</summary>
internal sealed class ActivityEntry
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    /// <summary>Kebab-case event name, e.g. <c>action-plan-imported</c>.</summary>
    public required string Kind { get; set; }
    public string? MemberCode { get; set; }
    public required string Summary { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string? CorrelationId { get; set; }
    /// <summary>The W3C trace id the event travelled under, to find its trace from the request that caused it.</summary>
    public string? TraceId { get; set; }
}
