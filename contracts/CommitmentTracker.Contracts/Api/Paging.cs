namespace CommitmentTracker.Contracts.Api;

/// <summary>A page of results. <see cref="Total"/> counts every item matching the filters.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
