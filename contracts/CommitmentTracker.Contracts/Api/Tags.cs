namespace CommitmentTracker.Contracts.Api;

public sealed record TagResponse(string Id, string Label, string Description, string? ParentId, bool Retired);
