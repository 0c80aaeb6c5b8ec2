using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Platform.Tests.Fakes;
using CommitmentTracker.Edge.OpenApi;
using CommitmentTracker.ServiceDefaults.OpenApi;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommitmentTracker.Platform.Tests.OpenApi;

public sealed class OpenApiAggregatorTests
{
    private static readonly OpenApiSourceAddress[] Sources =
    [
        new("tagging", new Uri("http://tagging.test/openapi/v1.json")),
        new("actionplans", new Uri("http://actionplans.test/openapi/v1.json")),
    ];

    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly HashSet<string> down = [];

    [Fact]
    public async Task Every_service_document_is_merged_into_the_gateway_document()
    {
        var handler = ServicesHandler();
        using var aggregator = Create(handler);

        var document = JsonNode.Parse(await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(["/api/actionplans", "/api/tagging"], document["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Commitment Tracker API", document["info"]!["title"]!.GetValue<string>());
        Assert.DoesNotContain("Unavailable", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_is_cached_until_the_refresh_interval_has_passed()
    {
        var handler = ServicesHandler();
        using var aggregator = Create(handler);

        await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(29));
        await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, handler.Requests.Count);

        time.Advance(TimeSpan.FromSeconds(2));
        await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task A_service_that_is_down_is_named_in_the_description_and_the_rest_is_served()
    {
        down.Add("tagging.test");
        using var aggregator = Create(ServicesHandler());

        var document = JsonNode.Parse(await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(["/api/actionplans"], document["paths"]!.AsObject().Select(p => p.Key));
        Assert.Contains("tagging did not answer (HTTP 503); its operations are missing", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_goes_down_later_is_served_from_its_last_good_copy()
    {
        using var aggregator = Create(ServicesHandler());
        await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken);

        down.Add("tagging.test");
        time.Advance(TimeSpan.FromMinutes(1));
        var document = JsonNode.Parse(await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(["/api/actionplans", "/api/tagging"], document["paths"]!.AsObject().Select(p => p.Key));
        Assert.Contains("tagging did not answer (HTTP 503); its operations are from the copy fetched at 2026-11-23 09:00:00Z", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_missing_a_service_is_rebuilt_sooner_and_shows_the_service_once_it_is_back()
    {
        down.Add("tagging.test");
        using var aggregator = Create(ServicesHandler());
        await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken);

        down.Clear();
        time.Advance(TimeSpan.FromSeconds(4));
        var stale = JsonNode.Parse(await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken))!;
        time.Advance(TimeSpan.FromSeconds(2));
        var recovered = JsonNode.Parse(await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(["/api/actionplans"], stale["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["/api/actionplans", "/api/tagging"], recovered["paths"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_connection_failure_or_a_body_that_is_not_json_counts_as_unavailable()
    {
        var handler = new FakeHttpHandler((request, _) => request.RequestUri!.Host == "tagging.test"
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>") });
        using var aggregator = Create(handler);

        var description = JsonNode.Parse(await aggregator.GetDocumentJsonAsync(TestContext.Current.CancellationToken))!["info"]!["description"]!.GetValue<string>();

        Assert.Contains("tagging did not answer (ConnectionError)", description, StringComparison.Ordinal);
        Assert.Contains("actionplans did not answer (not valid JSON)", description, StringComparison.Ordinal);
    }

    private OpenApiAggregator Create(FakeHttpHandler handler) =>
        new(new HttpClient(handler), () => Sources, new OpenApiAggregatorOptions(), time, NullLogger<OpenApiAggregator>.Instance);

    private FakeHttpHandler ServicesHandler() => new((request, _) =>
    {
        var host = request.RequestUri!.Host;
        if (down.Contains(host))
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        var service = host.Split('.')[0];
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{ "openapi": "3.1.1", "paths": { "/api/{{service}}": { "get": { "summary": "{{service}}", "responses": {} } } } }"""),
        };
    });
}
