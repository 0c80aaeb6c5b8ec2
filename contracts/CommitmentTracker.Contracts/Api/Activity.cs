namespace CommitmentTracker.Contracts.Api;

/// <summary>An event the Notifications service received, as shown in its activity log.</summary>
public sealed record ActivityEntryResponse(
    long Id,
    Guid MessageId,
    string Kind,
    string? MemberCode,
    string Summary,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string? CorrelationId,
    string? TraceId);
