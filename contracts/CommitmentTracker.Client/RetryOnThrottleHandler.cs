using System.Net;

namespace CommitmentTracker.Client;

/// <summary>How <see cref="RetryOnThrottleHandler"/> retries.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first included. 1 turns retrying off.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The longest wait between attempts. A server asking for longer (Retry-After) gets its answer passed back instead.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait when the answer has no Retry-After; it doubles with each further attempt.</summary>
    public TimeSpan DelayWithoutRetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Retries a request answered 429 (rate limited) or 503 (a service unavailable) after the wait the answer's
/// <c>Retry-After</c> asks for, within <see cref="RetryOptions"/>. Only idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT,
/// DELETE) are retried, and requests the caller marked safe with <see cref="SafeToRetry"/> (Refit:
/// <c>[Property(RetryOnThrottleHandler.SafeToRetryKey)]</c>): a POST may have had its effect before a 503.
/// </summary>
public sealed class RetryOnThrottleHandler : DelegatingHandler
{
    public const string SafeToRetryKey = "CommitmentTracker.SafeToRetry";

    /// <summary>Set to true on a request (e.g. a POST the server treats idempotently) to let it be retried.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new(SafeToRetryKey);

    private readonly RetryOptions options;
    private readonly TimeProvider time;

    public RetryOnThrottleHandler(RetryOptions? options = null, TimeProvider? time = null)
    {
        this.options = options ?? new RetryOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MaxAttempts, 1);
        this.time = time ?? TimeProvider.System;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.MaxAttempts == 1 || !MayRetry(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // A body is sent again on a retry, so it must be readable more than once.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt >= options.MaxAttempts)
            {
                return response;
            }

            var delay = DelayBefore(attempt + 1, response);
            if (delay > options.MaxDelay)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool MayRetry(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options ||
        request.Method == HttpMethod.Trace || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete ||
        (request.Options.TryGetValue(SafeToRetry, out var safe) && safe);

    private TimeSpan DelayBefore(int nextAttempt, HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : options.DelayWithoutRetryAfter * Math.Pow(2, nextAttempt - 2));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
