using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

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
/// <c>Retry-After</c> asks for, within <see cref="RetryOptions"/>: a Polly retry pipeline in
/// Microsoft.Extensions.Http.Resilience's handler. Only idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) are
/// retried, and requests the caller marked safe with <see cref="SafeToRetry"/> (Refit:
/// <c>[Property(RetryOnThrottleHandler.SafeToRetryKey)]</c>): a POST may have had its effect before a 503.
/// </summary>
public sealed class RetryOnThrottleHandler : ResilienceHandler
{
    public const string SafeToRetryKey = "CommitmentTracker.SafeToRetry";

    /// <summary>Set to true on a request (e.g. a POST the server treats idempotently) to let it be retried.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new(SafeToRetryKey);

    public RetryOnThrottleHandler(RetryOptions? options = null, TimeProvider? time = null)
        : this(Pipeline(options ?? new RetryOptions(), time ?? TimeProvider.System))
    {
    }

    private RetryOnThrottleHandler(ResiliencePipeline<HttpResponseMessage> retrying)
        : base(request => MayRetry(request) ? retrying : ResiliencePipeline<HttpResponseMessage>.Empty)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A body is sent again on a retry, so it must be readable more than once.
        if (request.Content is not null && MayRetry(request))
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The retry strategy: 429 and 503 only, waiting what Retry-After asks (or doubling from the configured first wait), never longer than the maximum.</summary>
    private static ResiliencePipeline<HttpResponseMessage> Pipeline(RetryOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        if (options.MaxAttempts == 1)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
                    && DelayBefore(args.AttemptNumber, response, options, time) <= options.MaxDelay),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayBefore(args.AttemptNumber, args.Outcome.Result!, options, time)),
            })
            .Build();
    }

    private static bool MayRetry(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options ||
        request.Method == HttpMethod.Trace || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete ||
        (request.Options.TryGetValue(SafeToRetry, out var safe) && safe);

    /// <summary>The wait before the retry that follows attempt <paramref name="attemptNumber"/> (0 is the first attempt).</summary>
    private static TimeSpan DelayBefore(int attemptNumber, HttpResponseMessage response, RetryOptions options, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : options.DelayWithoutRetryAfter * Math.Pow(2, attemptNumber));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
