using CommitmentTracker.Contracts.Api;
using Refit;

namespace CommitmentTracker.Client;

/// <summary>The public API, as served by the gateway (distributed) or the embedded host. Every call needs an API key.</summary>
public interface ICommitmentTrackerApi
{
    /// <summary>Admins only. An existing plan id is a 409, so a retry after a 429 or 503 is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Post("/api/action-plans")]
    Task<ActionPlanResponse> RegisterActionPlanAsync(
        [Body] RegisterActionPlanRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    [Get("/api/action-plans")]
    Task<PagedResponse<ActionPlanResponse>> ListActionPlansAsync(string? member = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/action-plans/{id}")]
    Task<ActionPlanResponse> GetActionPlanAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/members")]
    Task<PagedResponse<MemberResponse>> ListMembersAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/members/{code}")]
    Task<MemberResponse> GetMemberAsync(string code, CancellationToken cancellationToken = default);

    [Get("/api/commitments")]
    Task<PagedResponse<CommitmentSummaryResponse>> ListCommitmentsAsync(
        string? member = null, string? actionPlan = null, string? policyArea = null, string? completion = null, string? q = null,
        bool? includeRemoved = null, string? sort = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The list's filters as OGP's sheet: <paramref name="format"/> <c>csv</c> (default) or <c>xlsx</c>. The caller disposes the stream.</summary>
    [Get("/api/commitments/export")]
    Task<Stream> ExportCommitmentsAsync(
        string? format = null, string? member = null, string? actionPlan = null, string? policyArea = null, string? completion = null, string? q = null,
        bool? includeRemoved = null, CancellationToken cancellationToken = default);

    [Get("/api/commitments/{id}")]
    Task<CommitmentResponse> GetCommitmentAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/commitments/{id}/history")]
    Task<PagedResponse<CommitmentVersionResponse>> GetCommitmentHistoryAsync(string id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads OGP's commitment sheet (CSV or XLSX) or the Explorer CSV; the import runs in the background.</summary>
    [Multipart]
    [Post("/api/imports")]
    Task<ImportResponse> StartImportAsync([AliasAs("file")] StreamPart file, bool? dryRun = null, CancellationToken cancellationToken = default);

    /// <summary>Imports a source an admin configured (<c>Imports:Sources</c>).</summary>
    [Post("/api/imports")]
    Task<ImportResponse> StartSourceImportAsync(
        [Body] StartSourceImportRequest request, bool? dryRun = null, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false,
        CancellationToken cancellationToken = default);

    [Get("/api/imports/{id}")]
    Task<ImportResponse> GetImportAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/api/imports")]
    Task<PagedResponse<ImportResponse>> ListImportsAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/imports/{id}/errors")]
    Task<PagedResponse<ImportRowErrorResponse>> ListImportErrorsAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/imports/{id}/changes")]
    Task<PagedResponse<ImportChangeResponse>> ListImportChangesAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Admins only. The configured sources and their last pull.</summary>
    [Get("/api/import-sources")]
    Task<List<ImportSourceResponse>> ListImportSourcesAsync(CancellationToken cancellationToken = default);

    [Get("/api/tags")]
    Task<List<TagResponse>> ListTagsAsync(bool? includeRetired = null, CancellationToken cancellationToken = default);

    [Get("/api/engagement")]
    Task<PagedResponse<EngagementMemberResponse>> ListEngagementAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Admins only. The secret is in this response only; keep it, the service stores its hash.</summary>
    [Post("/api/keys")]
    Task<CreatedApiKeyResponse> CreateApiKeyAsync([Body] CreateApiKeyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Newest first, never with secrets.</summary>
    [Get("/api/keys")]
    Task<PagedResponse<ApiKeyResponse>> ListApiKeysAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/keys/{id}")]
    Task<ApiKeyResponse> GetApiKeyAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Admins only. The key stops working from the next request; it stays listed with its revocation time.</summary>
    [Delete("/api/keys/{id}")]
    Task RevokeApiKeyAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/activity")]
    Task<PagedResponse<ActivityEntryResponse>> ListActivityAsync(string? member = null, string? kind = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);
}
