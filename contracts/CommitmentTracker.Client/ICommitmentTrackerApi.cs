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

    /// <summary>The commitment's reform followed across the member's plans: the chain of linked commitments, oldest first, and the suggested links around it.</summary>
    [Get("/api/commitments/{id}/thread")]
    Task<CommitmentThreadResponse> GetCommitmentThreadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Links between commitments across plans; <paramref name="status"/> <c>linked</c>, <c>suggested</c> or <c>rejected</c>, <paramref name="member"/> a member code.</summary>
    [Get("/api/commitment-links")]
    Task<PagedResponse<CommitmentLinkResponse>> ListCommitmentLinksAsync(
        string? status = null, string? member = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins: link a commitment to its predecessor (same member, earlier plan) by hand.</summary>
    [Post("/api/commitment-links")]
    Task<CommitmentLinkResponse> CreateCommitmentLinkAsync([Body] CreateCommitmentLinkRequest request, CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins: confirm a suggested link. A link no longer suggested is a 409, so a retry is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Post("/api/commitment-links/{id}/confirm")]
    Task<CommitmentLinkResponse> ConfirmCommitmentLinkAsync(
        Guid id, [Body] ConfirmCommitmentLinkRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins: reject a suggested link or remove a linked one, with a reason. A link rejected already is a 409, so a retry is safe to ask for.</summary>
    [Post("/api/commitment-links/{id}/reject")]
    Task<CommitmentLinkResponse> RejectCommitmentLinkAsync(
        Guid id, [Body] RejectCommitmentLinkRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads OGP's commitment sheet (CSV or XLSX) or the Explorer CSV; the import runs in the background. <paramref name="dryRun"/>
    /// is a query parameter: a multipart method would otherwise send it as a form part, which the API does not read.
    /// </summary>
    [Multipart]
    [Post("/api/imports")]
    Task<ImportResponse> StartImportAsync([AliasAs("file")] StreamPart file, [Query] bool? dryRun = null, CancellationToken cancellationToken = default);

    /// <summary>Imports a source an admin configured (<c>Imports:Sources</c>).</summary>
    [Post("/api/imports")]
    Task<ImportResponse> StartSourceImportAsync(
        [Body] StartSourceImportRequest request, bool? dryRun = null, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false,
        CancellationToken cancellationToken = default);

    [Get("/api/imports/{id}")]
    Task<ImportResponse> GetImportAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Admins only. Applies a succeeded dry run: a real import of the file the dry run kept (nothing uploaded again). A dry
    /// run applied already, or whose file is no longer kept, is a 409.
    /// </summary>
    [Post("/api/imports/{id}/apply")]
    Task<ImportResponse> ImportDryRunAsync(Guid id, CancellationToken cancellationToken = default);

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

    /// <summary>Admins only. An existing tag id is a 409, so a retry after a 429 or 503 is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Post("/api/tags")]
    Task<TagResponse> CreateTagAsync(
        [Body] CreateTagRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Renames, re-describes, re-parents, retires or restores a tag; absent fields stay as they are.</summary>
    [Put("/api/tags/{tag}")]
    Task<TagResponse> UpdateTagAsync(string tag, [Body] UpdateTagRequest request, CancellationToken cancellationToken = default);

    /// <summary>The commitments carrying a tag; <paramref name="status"/> <c>proposed</c> or <c>confirmed</c> narrows the list.</summary>
    [Get("/api/tags/{tag}/commitments")]
    Task<PagedResponse<TaggedCommitmentResponse>> ListTaggedCommitmentsAsync(
        string tag, string? status = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>A commitment's tags and its open suggestions.</summary>
    [Get("/api/commitments/{id}/tags")]
    Task<CommitmentTagsResponse> GetCommitmentTagsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Liaisons and admins. Tags by hand, or adds the caller's organisation's approval to a proposed tag. The same
    /// organisation approving twice is a 409, so a retry after a 429 or 503 is safe to ask for with <paramref name="safeToRetry"/>.
    /// </summary>
    [Post("/api/commitments/{id}/tags")]
    Task<CommitmentTagResponse> TagCommitmentAsync(
        string id, [Body] TagCommitmentRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false,
        CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins. Removes a tag from a commitment, with an optional <paramref name="reason"/> for the audit.</summary>
    [Delete("/api/commitments/{id}/tags/{tag}")]
    Task UntagCommitmentAsync(string id, string tag, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>The audit of a commitment's tags, newest first.</summary>
    [Get("/api/commitments/{id}/tags/history")]
    Task<PagedResponse<TagAuditResponse>> GetCommitmentTagHistoryAsync(string id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The review queue, highest confidence first. <paramref name="status"/>: <c>open</c> (default), <c>all</c> or one suggestion status.</summary>
    [Get("/api/tag-suggestions")]
    Task<PagedResponse<TagSuggestionResponse>> ListTagSuggestionsAsync(
        string? status = null, string? member = null, string? tag = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Liaisons and admins. <paramref name="ifMatch"/> (the suggestion's <c>Version</c>, e.g. <c>"3"</c>) makes a change since
    /// it was read a 412; a suggestion already decided is a 409, so a retry is safe to ask for with <paramref name="safeToRetry"/>.
    /// </summary>
    [Post("/api/tag-suggestions/{id}/accept")]
    Task<TagSuggestionResponse> AcceptTagSuggestionAsync(
        Guid id, [Body] ReviewSuggestionRequest request, [Header("If-Match")] string? ifMatch = null,
        [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins. Rejecting a proposed suggestion withdraws the proposed tag. <paramref name="ifMatch"/> as for accepting.</summary>
    [Post("/api/tag-suggestions/{id}/reject")]
    Task<TagSuggestionResponse> RejectTagSuggestionAsync(
        Guid id, [Body] ReviewSuggestionRequest request, [Header("If-Match")] string? ifMatch = null,
        [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins; at most 200 ids, each decided on its own (a retry would report the ones already decided as failed).</summary>
    [Post("/api/tag-suggestions/accept")]
    Task<BulkReviewResponse> AcceptTagSuggestionsAsync([Body] BulkReviewRequest request, CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins; at most 200 ids, one optional reason for all.</summary>
    [Post("/api/tag-suggestions/reject")]
    Task<BulkReviewResponse> RejectTagSuggestionsAsync([Body] BulkReviewRequest request, CancellationToken cancellationToken = default);

    /// <summary>Admins only. The suggestion rules.</summary>
    [Get("/api/tag-rules")]
    Task<List<TagRuleResponse>> ListTagRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Admins only. An existing rule id is a 409, so a retry after a 429 or 503 is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Post("/api/tag-rules")]
    Task<TagRuleResponse> CreateTagRuleAsync(
        [Body] TagRuleRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Absent fields stay as they are.</summary>
    [Put("/api/tag-rules/{id}")]
    Task<TagRuleResponse> UpdateTagRuleAsync(string id, [Body] TagRuleRequest request, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Disabling a disabled rule changes nothing, so a retry is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Post("/api/tag-rules/{id}/disable")]
    Task<TagRuleResponse> DisableTagRuleAsync(
        string id, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Admins only. What a rule would match on the stored commitments (how many, and the first <paramref name="limit"/>
    /// with the words matched), without saving it. It changes nothing, so a retry after a 429 or 503 is always safe.
    /// </summary>
    [Post("/api/tag-rules/preview")]
    Task<TagRulePreviewResponse> PreviewTagRuleAsync(
        [Body] TagRuleRequest request, int? limit = null, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = true, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Every active tag and the OGP policy-area columns whose flag is evidence for it.</summary>
    [Get("/api/tag-policy-areas")]
    Task<List<TagPolicyAreasResponse>> ListTagPolicyAreasAsync(CancellationToken cancellationToken = default);

    /// <summary>Admins only. Replaces a tag's OGP policy-area columns; setting the same columns again is safe to retry.</summary>
    [Put("/api/tag-policy-areas/{tag}")]
    Task<TagPolicyAreasResponse> SetTagPolicyAreasAsync(string tag, [Body] SetTagPolicyAreasRequest request, CancellationToken cancellationToken = default);

    /// <summary>The calibration: per tag and kind of evidence (and rule), labelled examples, liaisons' decisions and the confidence a suggestion gets.</summary>
    [Get("/api/tag-calibration")]
    Task<TagCalibrationResponse> GetTagCalibrationAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Admins only. Recomputes the suggestions over every stored commitment in the background (nothing a liaison decided
    /// changes); an unfinished recomputation is answered instead of starting another, so a retry is safe to ask for.
    /// </summary>
    [Post("/api/tag-suggestions/recompute")]
    Task<TagRecomputeResponse> RecomputeTagSuggestionsAsync(
        [Body] RecomputeTagSuggestionsRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Admins only. A recomputation's progress.</summary>
    [Get("/api/tag-suggestions/recompute/{id}")]
    Task<TagRecomputeResponse> GetTagRecomputeAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Members with their engagement category and score; <paramref name="category"/> <c>a</c>, <c>b</c>, <c>c</c>,
    /// <c>not-enough-data</c> or <c>no-signal-yet</c> and <paramref name="region"/> (OGP's, e.g. <c>Europe</c>) narrow the list. The filters come after
    /// the paging parameters so existing callers are unchanged.
    /// </summary>
    [Get("/api/engagement")]
    Task<PagedResponse<EngagementMemberResponse>> ListEngagementAsync(
        int? page = null, int? pageSize = null, string? category = null, string? region = null, CancellationToken cancellationToken = default);

    /// <summary>A member's engagement assessment, explained, with its inputs.</summary>
    [Get("/api/members/{code}/engagement")]
    Task<EngagementResponse> GetMemberEngagementAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The changes of a member's engagement assessment, newest first.</summary>
    [Get("/api/members/{code}/engagement/history")]
    Task<PagedResponse<EngagementHistoryEntryResponse>> GetMemberEngagementHistoryAsync(string code, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Liaisons and admins. Replaces the member's mandate assessment; the same request twice changes nothing the second time, so a retry is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Put("/api/members/{code}/mandate")]
    Task<MandateResponse> PutMemberMandateAsync(
        string code, [Body] UpdateMandateRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Uploads the OCP Data Registry's publications.json; it replaces the stored publications, so a retry is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Post("/api/ocds-publications/imports")]
    Task<OcdsImportResponse> ImportOcdsPublicationsAsync(
        [Body] IReadOnlyList<OcdsRegistryPublication> publications, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>The OCDS publications of the last registry import; <paramref name="member"/> narrows to one member, <paramref name="unmapped"/> to names that map to none.</summary>
    [Get("/api/ocds-publications")]
    Task<PagedResponse<OcdsPublicationResponse>> ListOcdsPublicationsAsync(
        string? member = null, bool? unmapped = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The registry country names mapped to members, with their source (table, setting, admin).</summary>
    [Get("/api/ocds-publications/country-names")]
    Task<List<CountryNameResponse>> ListOcdsCountryNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Admins only. Maps a registry country name to a member; setting the same mapping again changes nothing, so a retry is safe to ask for with <paramref name="safeToRetry"/>.</summary>
    [Put("/api/ocds-publications/country-names/{name}")]
    Task<CountryNameResponse> SetOcdsCountryNameAsync(
        string name, [Body] SetCountryNameRequest request, [Property(RetryOnThrottleHandler.SafeToRetryKey)] bool safeToRetry = false, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Removes a country name an admin mapped; the name maps as the table, settings or a member's name say, or to none.</summary>
    [Delete("/api/ocds-publications/country-names/{name}")]
    Task<RemovedCountryNameResponse> RemoveOcdsCountryNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Admins only. The scheduled pull of the registry: whether one is configured, its last result and the next due time.</summary>
    [Get("/api/ocds-publications/pull")]
    Task<OcdsPullStatusResponse> GetOcdsPullStatusAsync(CancellationToken cancellationToken = default);

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

    /// <summary>Who the API takes the caller to be (key id or token subject, name, roles, organisation, member scope); a revoked or expired key is a 401.</summary>
    [Get("/api/me")]
    Task<CallerResponse> GetCallerAsync(CancellationToken cancellationToken = default);

    [Get("/api/activity")]
    Task<PagedResponse<ActivityEntryResponse>> ListActivityAsync(string? member = null, string? kind = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Keys with a subscriber role. A webhook's signing secret is in this response only.</summary>
    [Post("/api/subscriptions")]
    Task<SubscriptionWithSecretResponse> CreateSubscriptionAsync([Body] CreateSubscriptionRequest request, CancellationToken cancellationToken = default);

    /// <summary>The caller's subscriptions; an admin's: every subscription.</summary>
    [Get("/api/subscriptions")]
    Task<PagedResponse<SubscriptionResponse>> ListSubscriptionsAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/subscriptions/{id}")]
    Task<SubscriptionResponse> GetSubscriptionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Only the fields set change; <c>WebhookEnabled = true</c> re-enables a webhook disabled after repeated failures.</summary>
    [Patch("/api/subscriptions/{id}")]
    Task<SubscriptionWithSecretResponse> UpdateSubscriptionAsync(Guid id, [Body] UpdateSubscriptionRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/subscriptions/{id}")]
    Task DeleteSubscriptionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Queues a sample notification on every channel of the subscription.</summary>
    [Post("/api/subscriptions/{id}/test")]
    Task<TestSubscriptionResponse> TestSubscriptionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The caller's in-app feed, newest first.</summary>
    [Get("/api/notifications")]
    Task<PagedResponse<NotificationResponse>> ListNotificationsAsync(bool? unread = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Post("/api/notifications/{id}/read")]
    Task<NotificationResponse> MarkNotificationReadAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Marks read every unread item of the caller's feed up to the newest one seen; items that arrived since stay unread.</summary>
    [Post("/api/notifications/read")]
    Task<MarkedNotificationsReadResponse> MarkNotificationsReadAsync([Body] MarkNotificationsReadRequest request, CancellationToken cancellationToken = default);

    /// <summary>Email and webhook deliveries of the caller's subscriptions; an admin's: all.</summary>
    [Get("/api/deliveries")]
    Task<PagedResponse<DeliveryResponse>> ListDeliveriesAsync(
        string? status = null, string? channel = null, Guid? subscription = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Admins only. Sends the delivery again, whatever its state.</summary>
    [Post("/api/deliveries/{id}/replay")]
    Task<DeliveryResponse> ReplayDeliveryAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>No key needed: the token of an email's unsubscribe link is the credential. Returns the HTML page.</summary>
    [Get("/api/unsubscribe")]
    Task<string> GetUnsubscribePageAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>No key needed: the token of an email's unsubscribe link is the credential.</summary>
    [Post("/api/unsubscribe")]
    Task<UnsubscribeResponse> UnsubscribeAsync([Query] string token, CancellationToken cancellationToken = default);
}
