using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Refit;

namespace CommitmentTracker.SystemTests;

/// <summary>Four service processes and the gateway over a real RabbitMQ, driven through the gateway.</summary>
[Collection(SharedDistributedSystem.Name)]
public sealed class GatewayTests(DistributedSystem system)
{
    /// <summary>Raw HTTP on purpose: the test is about the X-Correlation-Id and traceparent headers themselves.</summary>
    [Fact]
    public async Task An_admin_call_reaches_Notifications_over_RabbitMQ_with_its_correlation_id_and_trace()
    {
        system.RequireRunning();
        using var http = system.CreateHttpClient();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var correlationId = $"system-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/action-plans")
        {
            Content = JsonContent.Create(new RegisterActionPlanRequest { ActionPlanId = "AP_GBR05", MemberCode = "GBR", MemberName = "United Kingdom", Number = 5, SubmissionYear = 2021, EndYear = 2023 }),
        };
        request.Headers.Add("X-Correlation-Id", correlationId);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var created = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(correlationId, created.Headers.GetValues("X-Correlation-Id").Single());
        var activity = await Eventually.GetAsync(
            () => system.AdminApi.ListActivityAsync(member: "GBR", kind: "action-plan-imported", cancellationToken: TestContext.Current.CancellationToken),
            page => page.Total > 0, TimeSpan.FromSeconds(30), "Notifications to record the event");
        var entry = Assert.Single(activity.Items);
        Assert.Equal("New action plan AP_GBR05 of United Kingdom (GBR), 2021–2023.", entry.Summary);
        Assert.Equal(correlationId, entry.CorrelationId);
        // gateway -> ActionPlans -> outbox -> RabbitMQ -> Notifications, one W3C trace throughout.
        Assert.Equal(traceId, entry.TraceId);

        var engagement = await Eventually.GetAsync(
            () => system.AdminApi.ListEngagementAsync(cancellationToken: TestContext.Current.CancellationToken),
            page => page.Items.Any(m => m.MemberCode == "GBR"), TimeSpan.FromSeconds(30), "Engagement to follow the member");
        Assert.Equal(1, engagement.Items.Single(m => m.MemberCode == "GBR").ActionPlanCount);
    }

    [Theory]
    [InlineData("/api/action-plans")]
    [InlineData("/api/tags")]
    [InlineData("/api/engagement")]
    [InlineData("/api/activity")]
    [InlineData("/api/not-routed")]
    public async Task Anonymous_calls_are_401_at_the_gateway(string path)
    {
        system.RequireRunning();
        using var anonymous = system.CreateHttpClient(apiKey: null);

        using var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_key_is_401_and_the_right_key_reads_every_service()
    {
        system.RequireRunning();
        var wrong = CommitmentTrackerClient.Create(system.GatewayAddress, "not-the-key-0123456789");
        var rejected = await Assert.ThrowsAnyAsync<ApiException>(() => wrong.ListTagsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);

        var tags = await system.AdminApi.ListTagsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(tags, t => t.Id == "open-contracting");
        await system.AdminApi.ListMembersAsync(cancellationToken: TestContext.Current.CancellationToken);
        await system.AdminApi.ListEngagementAsync(cancellationToken: TestContext.Current.CancellationToken);
        await system.AdminApi.ListActivityAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Validation_errors_come_back_through_the_gateway_as_problem_details()
    {
        system.RequireRunning();

        var failure = await Assert.ThrowsAsync<ValidationApiException>(() =>
            system.AdminApi.RegisterActionPlanAsync(new RegisterActionPlanRequest { ActionPlanId = "AP_X01" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Contains("memberCode", failure.Content!.Errors.Keys);
    }

    [Fact]
    public async Task The_gateway_serves_one_anonymous_OpenAPI_document_with_every_service_and_Scalar()
    {
        system.RequireRunning();
        using var anonymous = system.CreateHttpClient(apiKey: null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        using var scalar = await anonymous.GetAsync("/scalar/", TestContext.Current.CancellationToken);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(["/api/action-plans", "/api/commitments/{id}", "/api/imports", "/api/tags", "/api/engagement", "/api/activity"], path => Assert.Contains(path, paths));
        Assert.Equal("Commitment Tracker API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.DoesNotContain("Unavailable", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    public async Task Gateway_health_is_anonymous(string path)
    {
        system.RequireRunning();
        using var anonymous = system.CreateHttpClient(apiKey: null);

        using var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
