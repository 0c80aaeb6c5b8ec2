using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Platform.Tests.Fakes;
using CommitmentTracker.Platform.Tests.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace CommitmentTracker.Platform.Tests.Client;

/// <summary>The SDK: its handlers in both ways of building it, and that it has a method for every operation of the API.</summary>
public sealed partial class CommitmentTrackerClientTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private const string Key = "sdk-test-key-0123456789";

    [Fact]
    public async Task Created_clients_send_the_key_on_every_attempt_and_retry_a_throttled_read()
    {
        var inner = FakeHttpHandler.Sequence(() => Throttled(), () => Json("""[{"id":"open-contracting","label":"Open contracting","description":"d","parentId":null,"retired":false}]"""));
        var api = CommitmentTrackerClient.Create(new Uri("http://gateway.test"), Key, inner);

        var tags = await api.ListTagsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("open-contracting", Assert.Single(tags).Id);
        Assert.Equal(2, inner.Requests.Count);
        Assert.All(inner.Requests, r => Assert.Equal(Key, r.Headers["X-Api-Key"]));
    }

    [Fact]
    public async Task A_write_is_retried_only_when_the_caller_says_it_is_safe()
    {
        var plan = """{"id":"AP_BGR02","memberCode":"BGR","memberName":"Bulgaria","number":2,"submissionYear":2014,"endYear":2016,"firstSeenAt":"2026-11-02T09:30:00+00:00"}""";
        var request = new RegisterActionPlanRequest { ActionPlanId = "AP_BGR02", MemberCode = "BGR", MemberName = "Bulgaria" };

        var unmarked = FakeHttpHandler.Sequence(() => Throttled(), () => Json(plan, HttpStatusCode.Created));
        var failure = await Assert.ThrowsAsync<ApiException>(() => CommitmentTrackerClient.Create(new Uri("http://gateway.test"), Key, unmarked)
            .RegisterActionPlanAsync(request, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.TooManyRequests, failure.StatusCode);
        Assert.Single(unmarked.Requests);

        var marked = FakeHttpHandler.Sequence(() => Throttled(), () => Json(plan, HttpStatusCode.Created));
        var created = await CommitmentTrackerClient.Create(new Uri("http://gateway.test"), Key, marked)
            .RegisterActionPlanAsync(request, safeToRetry: true, TestContext.Current.CancellationToken);
        Assert.Equal("AP_BGR02", created.Id);
        Assert.Equal(2, marked.Requests.Count);
        Assert.Equal(marked.Requests[0].Body, marked.Requests[1].Body);
    }

    [Fact]
    public async Task The_DI_registration_sends_the_key_to_the_base_address_and_retries()
    {
        var inner = FakeHttpHandler.Sequence(() => Throttled(), () => Json("""{"items":[],"page":1,"pageSize":50,"total":0}"""));
        var services = new ServiceCollection();
        services.AddCommitmentTrackerClient(new Uri("http://gateway.test"), Key).ConfigurePrimaryHttpMessageHandler(() => inner);
        await using var provider = services.BuildServiceProvider();

        var page = await provider.GetRequiredService<ICommitmentTrackerApi>().ListMembersAsync(pageSize: 50, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, page.Total);
        Assert.Equal(2, inner.Requests.Count);
        Assert.Equal(new Uri("http://gateway.test/api/members?pageSize=50"), inner.Requests[1].Uri);
        Assert.Equal(Key, inner.Requests[1].Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task Every_operation_of_the_API_has_a_method_on_the_SDK_and_every_method_an_operation()
    {
        var document = await fixture.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var operations = EmbeddedOpenApiDocumentTests.Operations(document).Select(o => Normalize(o.Method, o.Path)).ToHashSet();
        var methods = typeof(ICommitmentTrackerApi).GetMethods()
            .Select(m => (Method: m, Http: m.GetCustomAttribute<HttpMethodAttribute>()))
            .ToList();
        Assert.All(methods, m => Assert.NotNull(m.Http));
        var covered = methods.Select(m => Normalize(m.Http!.Method.Method, m.Http.Path)).ToHashSet();

        Assert.Empty(operations.Except(covered).Order());
        Assert.Empty(covered.Except(operations).Order());
    }

    [Fact]
    public async Task The_SDK_reads_the_export_and_the_import_sources_of_the_embedded_host()
    {
        var api = CommitmentTrackerClient.Create(new Uri("http://localhost"), CommitmentTracker.Testing.TestKeys.Admin, fixture.Factory.Server.CreateHandler());

        var sources = await api.ListImportSourcesAsync(TestContext.Current.CancellationToken);
        await using var export = await api.ExportCommitmentsAsync(format: "csv", member: "BGR", cancellationToken: TestContext.Current.CancellationToken);
        using var reader = new StreamReader(export);
        var header = await reader.ReadLineAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(sources);
        Assert.Contains("Commitment Unique Identifier", header, StringComparison.Ordinal);
        var invalid = await Assert.ThrowsAnyAsync<ApiException>(() => api.ExportCommitmentsAsync(format: "pdf", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    /// <summary>Parameter names may differ between the document and the interface; their places may not.</summary>
    private static string Normalize(string method, string path) => $"{method.ToUpperInvariant()} {PathParameter().Replace(path.Split('?')[0], "{}")}";

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex PathParameter();

    private static HttpResponseMessage Throttled() =>
        new(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero) } };

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
}
