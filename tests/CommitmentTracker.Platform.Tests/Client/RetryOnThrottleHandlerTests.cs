using System.Net;
using System.Net.Http.Headers;
using CommitmentTracker.Client;
using CommitmentTracker.Platform.Tests.Fakes;

namespace CommitmentTracker.Platform.Tests.Client;

public sealed class RetryOnThrottleHandlerTests
{
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_429_is_retried_after_the_seconds_its_Retry_After_asks_for()
    {
        var inner = FakeHttpHandler.Sequence(() => Throttled(TimeSpan.FromSeconds(2)), Ok);

        using var response = await SendAsync(inner, HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, inner.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], time.Delays);
    }

    [Fact]
    public async Task A_Retry_After_date_is_waited_for_until_that_time()
    {
        var inner = FakeHttpHandler.Sequence(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(5)) } },
            Ok);

        using var response = await SendAsync(inner, HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(5)], time.Delays);
    }

    [Fact]
    public async Task Without_Retry_After_the_wait_doubles_and_the_attempts_are_bounded()
    {
        var inner = FakeHttpHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        using var response = await SendAsync(inner, HttpMethod.Get, new RetryOptions { MaxAttempts = 3, DelayWithoutRetryAfter = TimeSpan.FromSeconds(1) });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, inner.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], time.Delays);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_maximum_wait_is_passed_back_at_once()
    {
        var inner = FakeHttpHandler.Sequence(() => Throttled(TimeSpan.FromMinutes(5)), Ok);

        using var response = await SendAsync(inner, HttpMethod.Get, new RetryOptions { MaxDelay = TimeSpan.FromSeconds(30) });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(inner.Requests);
        Assert.Empty(time.Delays);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Other_failures_are_not_retried(HttpStatusCode status)
    {
        var inner = FakeHttpHandler.Sequence(() => new HttpResponseMessage(status), Ok);

        using var response = await SendAsync(inner, HttpMethod.Get);

        Assert.Equal(status, response.StatusCode);
        Assert.Single(inner.Requests);
    }

    [Fact]
    public async Task A_POST_is_not_retried_unless_the_caller_marks_it_safe()
    {
        var unmarked = FakeHttpHandler.Sequence(() => Throttled(TimeSpan.Zero), Ok);
        using var refused = await SendAsync(unmarked, HttpMethod.Post);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Single(unmarked.Requests);

        var marked = FakeHttpHandler.Sequence(() => Throttled(TimeSpan.Zero), Ok);
        using var retried = await SendAsync(marked, HttpMethod.Post, markSafe: true);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, marked.Requests.Count);
        Assert.All(marked.Requests, r => Assert.Equal("""{"actionPlanId":"AP_BGR02"}""", r.Body));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public async Task Other_idempotent_methods_are_retried(string method)
    {
        var inner = FakeHttpHandler.Sequence(() => Throttled(TimeSpan.Zero), Ok);

        using var response = await SendAsync(inner, new HttpMethod(method));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, inner.Requests.Count);
    }

    [Fact]
    public void At_least_one_attempt_is_required() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOnThrottleHandler(new RetryOptions { MaxAttempts = 0 }));

    private async Task<HttpResponseMessage> SendAsync(FakeHttpHandler inner, HttpMethod method, RetryOptions? options = null, bool markSafe = false)
    {
        using var invoker = new HttpMessageInvoker(new RetryOnThrottleHandler(options, time) { InnerHandler = inner });
        using var request = new HttpRequestMessage(method, "http://gateway.test/api/action-plans");
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Content = new StringContent("""{"actionPlanId":"AP_BGR02"}""");
        }

        if (markSafe)
        {
            request.Options.Set(RetryOnThrottleHandler.SafeToRetry, true);
        }

        return await invoker.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static HttpResponseMessage Throttled(TimeSpan retryAfter) =>
        new(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(retryAfter) } };

    private static HttpResponseMessage Ok() => new(HttpStatusCode.OK);
}
