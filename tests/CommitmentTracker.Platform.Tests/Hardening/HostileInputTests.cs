using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>Hostile input answered as the caller's error, in ProblemDetails and our words; a 500 is always logged.</summary>
public sealed class HostileInputTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal(ProblemResponses.ContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("https://tools.ietf.org/html/rfc", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public async Task A_500_is_logged_with_the_correlation_id_and_trace_id_its_body_promises()
    {
        var logs = new ErrorLogs();
        await using var app = await DefaultsApp.StartAsync(
            map: a => a.MapGet("/boom", string () => throw new InvalidOperationException("kaput")),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/boom");
        request.Headers.Add("X-Correlation-Id", "boom-1");

        using var response = await client.SendAsync(request, Cancel);

        await ProblemOf(response, HttpStatusCode.InternalServerError);
        var line = Assert.Single(logs.Errors, e => e.Exception is InvalidOperationException);
        Assert.Contains("boom-1", line.Message, StringComparison.Ordinal);
        Assert.Matches("trace id [0-9a-f]{32}", line.Message);
    }

    [Fact]
    public async Task A_URL_longer_than_the_limit_is_a_414_problem()
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapGet("/thing", () => "ok"));
        using var client = app.Client();

        using var response = await client.GetAsync("/thing?q=" + new string('a', 9000), Cancel);

        var problem = await ProblemOf(response, HttpStatusCode.RequestUriTooLong);
        Assert.Contains("8192", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_larger_than_the_limit_are_a_431_problem()
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapGet("/thing", () => "ok"));
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/thing");
        for (var i = 0; i < 8; i++)
        {
            request.Headers.Add($"X-Filler-{i}", new string('b', 5000));
        }

        using var response = await client.SendAsync(request, Cancel);

        await ProblemOf(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task A_429_names_its_type()
    {
        await using var app = await DefaultsApp.StartAsync(
            new Dictionary<string, string?> { ["RateLimits:PermitsPerMinute"] = "1", ["RateLimits:Burst"] = "1" },
            a => a.MapGet("/thing", () => "ok"));
        using var client = app.Client();
        (await client.GetAsync("/thing", Cancel)).Dispose();

        using var response = await client.GetAsync("/thing", Cancel);

        await ProblemOf(response, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task HEAD_on_a_GET_route_answers_the_GET_without_its_body()
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapGet("/thing", () => TypedResults.Ok(new { value = "ok" })));
        using var client = app.Client();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/thing"), Cancel);
        using var get = await client.GetAsync("/thing", Cancel);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("ok", await get.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_property_sent_twice_is_refused_not_last_one_wins()
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapPost("/keys", (CreateApiKeyRequest request) => TypedResults.Ok(request.Roles)));
        using var client = app.Client();

        using var response = await client.PostAsync("/keys", Json("""{"name":"x","roles":["reader"],"roles":["admin"]}"""), Cancel);

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.Contains("more than once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("roles", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","roles":["reader"]""", "not well-formed JSON")]
    [InlineData("""{"name":"x","roles":"reader"}""", "wrong type")]
    [InlineData("", "needs a body")]
    public async Task A_body_that_cannot_be_read_is_explained_in_our_words(string body, string expected)
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapPost("/keys", (CreateApiKeyRequest request) => TypedResults.Ok(request.Roles)));
        using var client = app.Client();

        using var response = await client.PostAsync("/keys", Json(body), Cancel);

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        var text = problem.GetRawText();
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("CreateApiKeyRequest", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to read parameter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_names_the_parameter()
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapGet("/list", (int? page) => TypedResults.Ok(page)));
        using var client = app.Client();

        using var response = await client.GetAsync("/list?page=abc", Cancel);

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("'page' must be a whole number; 'abc' is not.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_JSON_body_with_the_wrong_content_type_is_a_415_in_our_words()
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapPost("/keys", (CreateApiKeyRequest request) => TypedResults.Ok(request.Roles)));
        using var client = app.Client();

        using var response = await client.PostAsync("/keys", new StringContent("""{"name":"x"}""", Encoding.UTF8, "text/plain"), Cancel);

        var problem = await ProblemOf(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("The body must be JSON.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    [InlineData(42949674)]
    public void Pages_out_of_range_are_refused_before_any_offset_is_computed(int page)
    {
        Assert.False(PageRequest.TryCreate(page, 50, out _, out var errors));
        Assert.Equal([$"page must be between 1 and {PageRequest.MaxPage}."], errors["page"]);
    }

    [Fact]
    public void The_last_page_has_an_offset_that_fits()
    {
        Assert.True(PageRequest.TryCreate(PageRequest.MaxPage, PageRequest.MaxPageSize, out var last, out _));
        Assert.Equal((long)(PageRequest.MaxPage - 1) * PageRequest.MaxPageSize, last.Skip);
    }

    private static StringContent Json(string body) => new(body, new MediaTypeHeaderValue("application/json"));

    private sealed record ErrorLog(string Message, Exception? Exception);

    private sealed class ErrorLogs : ILoggerProvider
    {
        public ConcurrentQueue<ErrorLog> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    owner.Errors.Enqueue(new ErrorLog(formatter(state, exception), exception));
                }
            }
        }
    }
}
