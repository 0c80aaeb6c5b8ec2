using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Members;
using CommitmentTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests;

/// <summary>The embedded default: one process, the public API on the gateway's paths, the same security.</summary>
public sealed class EmbeddedHostTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private readonly EmbeddedHostFactory factory = fixture.Factory;

    /// <summary>The only operations without credentials: an email's unsubscribe link, whose signed token is the credential.</summary>
    private static readonly object MongoliaFeed = new { name = "Mongolia", members = new[] { "MNG" }, channels = new[] { "feed" } };

    private static readonly string[] AnonymousOperations = ["GET /api/unsubscribe", "POST /api/unsubscribe"];

    [Fact]
    public async Task Every_route_of_the_api_is_401_for_an_anonymous_caller()
    {
        var anonymous = factory.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var all = (
            from path in document.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            let declaredAnonymous = operation.Value.TryGetProperty("security", out var security) && security.GetArrayLength() == 0
            select (Method: operation.Name.ToUpperInvariant(), Path: path.Name, DeclaredAnonymous: declaredAnonymous)).ToList();
        Assert.Equal(AnonymousOperations, all.Where(o => o.DeclaredAnonymous).Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
        var operations = all.Where(o => !o.DeclaredAnonymous).Select(o => (o.Method, o.Path)).ToList();
        Assert.True(operations.Count >= 8, $"the document lists only {operations.Count} operations");

        var allowed = new List<string>();
        foreach (var (method, path) in operations)
        {
            var concrete = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "x");
            using var request = new HttpRequestMessage(new HttpMethod(method), concrete) { Content = JsonContent.Create(new { }) };
            using var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                allowed.Add($"{method} {path} -> {(int)response.StatusCode}");
            }
        }

        Assert.Empty(allowed);
    }

    [Theory]
    [InlineData("/api/commitments/XX0001", "actionplans")]
    [InlineData("/api/commitments/XX0001/history", "actionplans")]
    [InlineData("/api/commitments/XX0001/tags", "tagging")]
    [InlineData("/api/commitments/XX0001/tags/history", "tagging")]
    public async Task Commitment_paths_of_ActionPlans_and_Tagging_live_side_by_side(string path, string service)
    {
        using var response = await factory.CreateAdminClient().GetAsync(path, TestContext.Current.CancellationToken);

        // Both answer 404 for an unknown commitment, each with its own words: no ambiguous match, no 500.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(service == "tagging", body.Contains("not known to Tagging", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api")]
    public async Task Unknown_paths_are_401_anonymously_and_404_problems_with_a_key(string path)
    {
        var anonymous = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        var admin = await factory.CreateAdminClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        Assert.Equal("application/problem+json", admin.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_root_opens_on_the_web_workspace_sign_in_page()
    {
        using var response = await factory.CreateClient().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/signin", response.RequestMessage?.RequestUri?.AbsolutePath);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task Health_and_the_api_reference_are_open(string path)
    {
        var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_reports_every_database_and_the_bus()
    {
        var health = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "actionplans-database", "tagging-database", "engagement-database", "notifications-database", "masstransit-bus" }, checks);
    }

    [Fact]
    public async Task An_admin_call_to_ActionPlans_reaches_Notifications_and_Engagement_with_its_correlation_id()
    {
        var admin = factory.CreateAdminClient();
        var correlationId = $"embedded-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/action-plans")
        {
            Content = JsonContent.Create(new RegisterActionPlanRequest { ActionPlanId = "AP_ALB04", MemberCode = "ALB", MemberName = "Albania", Number = 4, SubmissionYear = 2018, EndYear = 2020 }),
        };
        request.Headers.Add("X-Correlation-Id", correlationId);

        var created = await admin.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(correlationId, created.Headers.GetValues("X-Correlation-Id").Single());

        var activity = await Eventually.GetAsync(
            () => admin.GetFromJsonAsync<PagedResponse<ActivityEntryResponse>>("/api/activity?member=ALB&kind=action-plan-imported", TestContext.Current.CancellationToken),
            page => page!.Total > 0, TimeSpan.FromSeconds(10), "the activity entry");
        var entry = Assert.Single(activity!.Items);
        Assert.Equal("New action plan AP_ALB04 of Albania (ALB), 2018–2020.", entry.Summary);
        Assert.Equal(correlationId, entry.CorrelationId);

        var engagement = await Eventually.GetAsync(
            () => admin.GetFromJsonAsync<PagedResponse<EngagementMemberResponse>>("/api/engagement", TestContext.Current.CancellationToken),
            page => page!.Items.Any(m => m.MemberCode == "ALB"), TimeSpan.FromSeconds(10), "the engagement projection");
        Assert.Equal(("AP_ALB04", 1), engagement!.Items.Where(m => m.MemberCode == "ALB").Select(m => (m.LatestActionPlanId, m.ActionPlanCount)).Single());
    }

    /// <summary>
    /// A member is followable as soon as ActionPlans has it: Notifications asks ActionPlans' own directory, in process,
    /// about members its events have not announced yet (the HTTP one is for distributed mode only).
    /// </summary>
    [Fact]
    public async Task Notifications_asks_ActionPlans_in_process_about_members_it_has_not_heard_of()
    {
        var admin = factory.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/action-plans", new RegisterActionPlanRequest { ActionPlanId = "AP_MNG01", MemberCode = "MNG", MemberName = "Mongolia", Number = 1, SubmissionYear = 2014, EndYear = 2016 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IMemberDirectory>();
        Assert.Equal("CommitmentTracker.ActionPlans", directory.GetType().Assembly.GetName().Name);
        Assert.Equal(["MNG"], await directory.FindKnownAsync(["MNG", "XYZ"], TestContext.Current.CancellationToken));

        var subscribed = await admin.PostAsJsonAsync("/api/subscriptions", MongoliaFeed, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
    }

    [Fact]
    public async Task A_correlation_id_that_is_too_long_is_replaced_not_echoed()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", new string('x', 500));

        var response = await client.GetAsync("/alive", TestContext.Current.CancellationToken);

        var echoed = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.NotEqual(new string('x', 500), echoed);
        Assert.InRange(echoed.Length, 1, 128);
    }
}

/// <summary>One embedded host for the class: starting it runs four sets of migrations.</summary>
public sealed class EmbeddedHostFixture : IDisposable
{
    internal EmbeddedHostFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
