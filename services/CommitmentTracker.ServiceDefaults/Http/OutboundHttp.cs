using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>The resilience pipelines of the clients a service calls out with (Microsoft.Extensions.Http.Resilience).</summary>
public static class OutboundHttp
{
    /// <summary>
    /// For pulls of a configured file (<see cref="BoundedDownload"/>): a GET, idempotent, so a transient failure (a
    /// connection error, 408, 429, 5xx) is tried twice more, after the wait the server's Retry-After asks for or 1 s then 2 s.
    /// The caller's time limit covers every attempt.
    /// </summary>
    public static IHttpClientBuilder AddDownloadResilience(this IHttpClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddResilienceHandler("download", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            ShouldRetryAfterHeader = true,
        }));
        return client;
    }
}
