using Refit;

namespace CommitmentTracker.Client;

/// <summary>
/// Creates an <see cref="ICommitmentTrackerApi"/> that sends the API key with every request and retries 429 and 503
/// answers of idempotent requests (<see cref="RetryOnThrottleHandler"/>). With DI, prefer
/// <see cref="CommitmentTrackerClientServiceCollectionExtensions.AddCommitmentTrackerClient"/>.
/// </summary>
public static class CommitmentTrackerClient
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static ICommitmentTrackerApi Create(Uri baseAddress, string apiKey, HttpMessageHandler? innerHandler = null, RetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
#pragma warning disable CA2000 // The HttpClient owns the handler chain.
        var retrying = new RetryOnThrottleHandler(retry) { InnerHandler = innerHandler ?? new HttpClientHandler() };
        var http = new HttpClient(new ApiKeyHandler(apiKey) { InnerHandler = retrying }) { BaseAddress = baseAddress };
#pragma warning restore CA2000
        return RestService.For<ICommitmentTrackerApi>(http);
    }
}

/// <summary>Adds the <c>X-Api-Key</c> header. Use it in an HttpClientFactory pipeline too.</summary>
public sealed class ApiKeyHandler(string apiKey) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(CommitmentTrackerClient.ApiKeyHeader);
        request.Headers.Add(CommitmentTrackerClient.ApiKeyHeader, apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
