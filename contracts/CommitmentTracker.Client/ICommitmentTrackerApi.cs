using CommitmentTracker.Contracts.Api;
using Refit;

namespace CommitmentTracker.Client;

/// <summary>The public API, as served by the gateway (distributed) or the embedded host. Every call needs an API key.</summary>
public interface ICommitmentTrackerApi
{
    [Post("/api/action-plans")]
    Task<ActionPlanResponse> RegisterActionPlanAsync([Body] RegisterActionPlanRequest request, CancellationToken cancellationToken = default);

    [Get("/api/action-plans")]
    Task<PagedResponse<ActionPlanResponse>> ListActionPlansAsync(string? member = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/action-plans/{id}")]
    Task<ActionPlanResponse> GetActionPlanAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/members")]
    Task<PagedResponse<MemberResponse>> ListMembersAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/members/{code}")]
    Task<MemberResponse> GetMemberAsync(string code, CancellationToken cancellationToken = default);

    [Get("/api/tags")]
    Task<List<TagResponse>> ListTagsAsync(bool? includeRetired = null, CancellationToken cancellationToken = default);

    [Get("/api/engagement")]
    Task<PagedResponse<EngagementMemberResponse>> ListEngagementAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/activity")]
    Task<PagedResponse<ActivityEntryResponse>> ListActivityAsync(string? member = null, string? kind = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);
}
