using System.Net;
using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>The registry's publications.json pulled from a configured URL on a schedule, with the upload's checks.</summary>
public sealed class RegistryPullTests
{
    private const string Url = "http://registry.test/publications.json";

    /// <summary>
    /// How long the first pull may take: the host starts (migrations included) first, which on a busy shared machine
    /// has taken ten seconds. Each wait is for the pull's recorded outcome, which is saved after the import's rows.
    /// </summary>
    private static readonly TimeSpan FirstPull = TimeSpan.FromSeconds(30);

    /// <summary>Answers every request with the next body of <paramref name="bodies"/> (the last one repeats), recording each request.</summary>
    private sealed class RegistryServer(params Func<HttpResponseMessage>[] bodies) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
                return Task.FromResult(bodies[Math.Min(Requests.Count, bodies.Length) - 1]());
            }
        }
    }

    private static HttpResponseMessage Json(string body, string? etag = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (etag is not null)
        {
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue(etag);
        }

        return response;
    }

    private static EngagementFactory Factory(RegistryServer server, string interval = "00:05:00") => new(
        new Dictionary<string, string?>
        {
            ["Engagement:Ocds:SourceUrl"] = Url,
            ["Engagement:Ocds:PullInterval"] = interval,
            ["Engagement:Ocds:SchedulerTick"] = "00:00:00.050",
            ["Engagement:Ocds:MaxFileBytes"] = "65536",
        },
        EngagementFactory.RegistryDay,
        services => services.AddHttpClient(RegistryPullScheduler.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => server));

    private static string Sample() => File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"));

    [Fact]
    public async Task The_configured_registry_is_pulled_when_due_and_imported_once_per_interval()
    {
        var server = new RegistryServer(() => Json(Sample(), "\"v1\""));
        using var factory = Factory(server);
        await factory.ImportRowAsync("LV0040");

        await Eventually.UntilAsync(() => factory.QueryAsync(db => db.RegistryPulls.AnyAsync(s => s.LastResult == RegistryPullState.Imported)), FirstPull, "the scheduled pull imports the registry");
        await Task.Delay(300, TestContext.Current.CancellationToken); // several ticks: the next pull is five minutes away

        Assert.Single(server.Requests);
        var state = await factory.QueryAsync(db => db.RegistryPulls.SingleAsync());
        Assert.Equal(("\"v1\"", "imported 6 publications, 6 mapped; unmapped: none"), (state.ETag, state.LastOutcome));
        Assert.Equal(EngagementFactory.RegistryDay.UtcDateTime.AddMinutes(5), state.NextDueAt);
        var status = await factory.CreateAdminClient().GetAsync("/api/ocds-publications/pull", TestContext.Current.CancellationToken).OkAsync<OcdsPullStatusResponse>();
        Assert.Equal(
            new OcdsPullStatusResponse(true, Url, TimeSpan.FromMinutes(5), EngagementFactory.RegistryDay, EngagementFactory.RegistryDay.AddMinutes(5), "imported", "imported 6 publications, 6 mapped; unmapped: none"),
            status);
        var latvia = await factory.Reader().GetAsync("/api/members/LVA/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Equal(5, Assert.Single(latvia.Publications).Id);
    }

    [Fact]
    public async Task A_due_pull_sends_the_validators_and_a_304_changes_nothing()
    {
        var server = new RegistryServer(() => Json(Sample(), "\"v1\""), () => new HttpResponseMessage(HttpStatusCode.NotModified));
        using var factory = Factory(server);
        await Eventually.UntilAsync(() => factory.QueryAsync(db => db.RegistryPulls.AnyAsync(s => s.LastResult == RegistryPullState.Imported)), FirstPull, "the first pull");
        var scheduler = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RegistryPullScheduler>().Single();

        await factory.QueryAsync(db => db.RegistryPulls.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, DateTime.MinValue)));
        await scheduler.PullIfDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal("\"v1\"", Assert.Single(server.Requests[^1].Headers.IfNoneMatch).Tag);
        Assert.Equal("not-modified", await factory.QueryAsync(db => db.RegistryPulls.Select(s => s.LastResult).SingleAsync()));
        Assert.Equal(6, await factory.QueryAsync(db => db.OcdsPublications.CountAsync()));
    }

    [Fact]
    public async Task A_source_failing_for_a_moment_is_asked_again_within_the_same_pull()
    {
        var server = new RegistryServer(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), () => Json(Sample(), "\"v1\""));
        using var factory = Factory(server);

        await Eventually.UntilAsync(() => factory.QueryAsync(db => db.RegistryPulls.AnyAsync(s => s.LastResult != null)), FirstPull, "the pull's outcome");

        var state = await factory.QueryAsync(db => db.RegistryPulls.SingleAsync());
        Assert.Equal(("imported", "\"v1\""), (state.LastResult, state.ETag));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(6, await factory.QueryAsync(db => db.OcdsPublications.CountAsync()));
    }

    [Theory]
    [InlineData("[{\"id\": 1}]", "[0].country: country is required.")]
    [InlineData("[{\"id\": 1,", "not valid JSON")]
    [InlineData(null, "at most 65536 are accepted")]
    public async Task A_bad_or_oversize_file_from_the_source_imports_nothing_and_says_why(string? body, string outcome)
    {
        var large = "[" + string.Join(',', Enumerable.Range(1, 2000).Select(i => $$"""{"id": {{i}}, "country": "Ukraine", "title": "Publication number {{i}}"}""")) + "]";
        var server = new RegistryServer(() => body is null
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large))) }
            : Json(body));
        using var factory = Factory(server);

        await Eventually.UntilAsync(() => factory.QueryAsync(db => db.RegistryPulls.AnyAsync(s => s.LastOutcome != null)), FirstPull, "the pull's outcome");

        Assert.Contains(outcome, await factory.QueryAsync(db => db.RegistryPulls.Select(s => s.LastOutcome!).SingleAsync()), StringComparison.Ordinal);
        var status = await factory.CreateAdminClient().GetAsync("/api/ocds-publications/pull", TestContext.Current.CancellationToken).OkAsync<OcdsPullStatusResponse>();
        Assert.Equal("rejected", status.LastResult);
        Assert.Contains(outcome, status.LastOutcome, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.OcdsPublications.CountAsync()));
    }

    [Fact]
    public async Task The_pull_status_says_when_only_uploads_are_used_and_is_for_admins_only()
    {
        using var factory = new EngagementFactory();

        var status = await factory.CreateAdminClient().GetAsync("/api/ocds-publications/pull", TestContext.Current.CancellationToken).OkAsync<OcdsPullStatusResponse>();

        Assert.Equal(new OcdsPullStatusResponse(false, null, null, null, null, null, null), status);
        await factory.Ocp().GetAsync("/api/ocds-publications/pull", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_pull_status_shows_the_source_without_credentials_or_query()
    {
        var server = new RegistryServer(() => new HttpResponseMessage(HttpStatusCode.NotModified));
        using var factory = new EngagementFactory(
            new Dictionary<string, string?>
            {
                ["Engagement:Ocds:SourceUrl"] = "https://reader:s3cret@registry.test/v1/publications.json?token=abc",
                ["Engagement:Ocds:PullInterval"] = "1.00:00:00",
            },
            EngagementFactory.RegistryDay,
            services => services.AddHttpClient(RegistryPullScheduler.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => server));

        var status = await factory.CreateAdminClient().GetAsync("/api/ocds-publications/pull", TestContext.Current.CancellationToken).OkAsync<OcdsPullStatusResponse>();

        Assert.Equal(("https://registry.test/v1/publications.json", TimeSpan.FromDays(1)), (status.Source, status.Interval));
    }

    [Theory]
    [InlineData("ftp://registry.test/publications.json", "00:05:00", "SourceUrl")]
    [InlineData("http://registry.test/publications.json", "00:01:00", "PullInterval")]
    public void A_source_that_is_not_http_or_pulled_too_often_stops_the_start(string url, string interval, string setting)
    {
        var options = new EngagementOptions { Ocds = { SourceUrl = new Uri(url), PullInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) } };

        var result = new EngagementOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Engagement:Ocds:{setting}", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new EngagementOptionsValidator().Validate(null, new EngagementOptions()).Succeeded);
    }
}
