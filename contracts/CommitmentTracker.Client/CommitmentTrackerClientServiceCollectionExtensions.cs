using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace CommitmentTracker.Client;

/// <summary>Registers <see cref="ICommitmentTrackerApi"/> with IHttpClientFactory: API key and retry handlers in its pipeline.</summary>
public static class CommitmentTrackerClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICommitmentTrackerApi"/> for <paramref name="baseAddress"/> (the gateway, or the embedded host),
    /// sending <paramref name="apiKey"/> and retrying 429 and 503 answers of idempotent requests as <paramref name="retry"/> says.
    /// </summary>
    public static IHttpClientBuilder AddCommitmentTrackerClient(this IServiceCollection services, Uri baseAddress, string apiKey, RetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return services
            .AddRefitGeneratedClient<ICommitmentTrackerApi>()
            .ConfigureHttpClient(http => http.BaseAddress = baseAddress)
            .AddHttpMessageHandler(() => new ApiKeyHandler(apiKey))
            .AddHttpMessageHandler(services => new RetryOnThrottleHandler(retry, services.GetService<TimeProvider>()));
    }
}
