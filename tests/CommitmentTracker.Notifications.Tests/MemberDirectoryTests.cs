using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>
/// Following a member Notifications has not heard of yet (an import has just added it, its events are still on their
/// way): with <c>Notifications:ActionPlansAddress</c> set, ActionPlans is asked, as the person subscribing.
/// </summary>
public sealed class MemberDirectoryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ActionPlansStub actionPlans = new("JOR");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        actionPlans.Dispose();
        return ValueTask.CompletedTask;
    }

    private static object Feed(params string[] members) => new { name = "feed", members, channels = new[] { "feed" } };

    private static NotificationsFactory With(IReadOnlyDictionary<string, string?> settings) => new(settings: settings);

    private NotificationsFactory AskingTheStub() => With(new Dictionary<string, string?> { ["Notifications:ActionPlansAddress"] = actionPlans.Url });

    [Fact]
    public async Task A_member_only_ActionPlans_knows_yet_can_be_followed_and_it_is_asked_as_the_subscriber()
    {
        await using var factory = AskingTheStub();
        using var lead = factory.Lead("lead-jor", "JOR");

        var created = await factory.SubscribeAsync(lead, Feed("JOR"));

        Assert.Equal(["JOR"], created.Subscription.Members);
        var asked = Assert.Single(actionPlans.Requests);
        Assert.Equal("/api/members/JOR", asked.Path);
        // The gateway's signed statement of who the subscriber is went with the question, not a key of Notifications' own.
        var identity = await InternalToken.ValidateAsync(asked.ForwardedIdentity!, TestKeys.InternalSigning, "test");
        Assert.Equal("lead-jor", identity!.Claims.Single(c => c.Type == System.Security.Claims.ClaimTypes.NameIdentifier).Value);
    }

    [Fact]
    public async Task A_member_neither_knows_is_a_400_naming_it_and_a_known_one_is_not_asked_about()
    {
        await using var factory = AskingTheStub();
        await factory.KnowAsync(["BGR"]);
        using var admin = factory.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/subscriptions", Feed("BGR", "XYZ"), Ct);

        Assert.Equal(["members"], await ProblemAssert.ValidationErrorsAsync(response));
        Assert.Equal(["/api/members/XYZ"], actionPlans.Requests.Select(r => r.Path));
        Assert.Equal(0, await factory.QueryAsync(db => Task.FromResult(db.Subscriptions.Count())));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(401)]
    public async Task An_ActionPlans_that_fails_is_a_503_to_retry_and_nothing_is_created(int status)
    {
        actionPlans.Status = status;
        await using var factory = AskingTheStub();
        using var admin = factory.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/subscriptions", Feed("JOR"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains($"ActionPlans service answered {status}", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("5", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, await factory.QueryAsync(db => Task.FromResult(db.Subscriptions.Count())));
    }

    [Fact]
    public async Task An_ActionPlans_that_does_not_answer_is_a_503_to_retry()
    {
        await using var factory = With(new Dictionary<string, string?> { ["Notifications:ActionPlansAddress"] = $"http://127.0.0.1:{LocalDistributedSystem.FreePort()}/" });
        using var admin = factory.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/subscriptions", Feed("JOR"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("A service this request needs did not answer.", problem.Title);
        Assert.Contains("ActionPlans service did not answer", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_document_says_subscribing_and_changing_a_subscription_can_answer_503()
    {
        await using var factory = AskingTheStub();
        using var admin = factory.CreateAdminClient();

        var document = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json", Ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/subscriptions").GetProperty("post").GetProperty("responses").TryGetProperty("503", out _));
        Assert.True(paths.GetProperty("/api/subscriptions/{id}").GetProperty("patch").GetProperty("responses").TryGetProperty("503", out _));
    }

    [Fact]
    public async Task With_instances_found_by_service_discovery_a_dead_one_is_passed_over()
    {
        await using var factory = With(new Dictionary<string, string?>
        {
            ["Notifications:ActionPlansAddress"] = "http://actionplans",
            ["Services:actionplans:http:0"] = $"http://127.0.0.1:{LocalDistributedSystem.FreePort()}",
            ["Services:actionplans:http:1"] = actionPlans.Url,
        });
        using var admin = factory.CreateAdminClient();

        // Round robin: whichever instance a question starts on, the dead one's refusal is tried again on the live one.
        await factory.SubscribeAsync(admin, Feed("JOR"));
        await factory.SubscribeAsync(admin, Feed("JOR"));

        Assert.Equal(2, actionPlans.Requests.Count);
    }

    [Fact]
    public async Task Without_an_address_only_members_the_events_announced_can_be_followed()
    {
        await using var factory = With(new Dictionary<string, string?>());
        using var admin = factory.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/subscriptions", Feed("JOR"), Ct);

        Assert.Equal(["members"], await ProblemAssert.ValidationErrorsAsync(response));
        Assert.Empty(actionPlans.Requests);
    }

    [Theory]
    [InlineData("actionplans:8080")]
    [InlineData("ftp://actionplans/")]
    public async Task An_address_that_is_not_an_absolute_http_url_stops_the_start(string address)
    {
        await using var factory = With(new Dictionary<string, string?> { ["Notifications:ActionPlansAddress"] = address });

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateAdminClient());

        Assert.Contains("Notifications:ActionPlansAddress must be an absolute http(s) URL", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Plays ActionPlans' <c>GET /api/members/{code}</c>: 200 for its members, 404 for others, or a set status.</summary>
    private sealed class ActionPlansStub : IDisposable
    {
        private readonly HashSet<string> members;
        private readonly LoopbackHttpServer server;

        public ActionPlansStub(params string[] members)
        {
            this.members = [.. members];
            server = new LoopbackHttpServer(AnswerAsync);
        }

        public string Url => server.Url;

        public int? Status { get; set; }

        public ConcurrentQueue<(string Path, string? ForwardedIdentity)> Requests { get; } = new();

        public void Dispose() => server.Dispose();

        private async Task AnswerAsync(HttpListenerContext context)
        {
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue((path, context.Request.Headers[InternalToken.HeaderName]));
            var code = path.StartsWith("/api/members/", StringComparison.Ordinal) ? path["/api/members/".Length..] : null;
            context.Response.StatusCode = Status ?? (code is not null && members.Contains(code) ? 200 : 404);
            var body = Encoding.UTF8.GetBytes(context.Response.StatusCode == 200 ? $$"""{"code":"{{code}}"}""" : "{}");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
        }
    }
}
