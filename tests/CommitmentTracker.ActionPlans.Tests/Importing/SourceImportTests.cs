using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>Configured sources: pulled on request and on schedule, conditionally, within their limits.</summary>
public sealed class SourceImportTests : IDisposable
{
    private readonly FakeSource source = new();
    private readonly ServiceFactory<Program> app;

    public SourceImportTests() => app = new(Settings, services =>
        services.AddHttpClient(ImportSourceDownloader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => source));

    private static Dictionary<string, string?> Settings => new()
    {
        ["Imports:SchedulerTick"] = "00:00:00.050",
        ["Imports:Sources:ogp:Url"] = "https://ogp.example/commitments.csv",
        ["Imports:Sources:ogp:Interval"] = "01:00:00",
        ["Imports:Sources:small:Url"] = "https://ogp.example/commitments.csv",
        ["Imports:Sources:small:MaxBytes"] = "2048",
    };

    [Fact]
    public async Task A_scheduled_source_is_imported_once_then_asked_conditionally_and_left_alone_when_unchanged()
    {
        var client = app.CreateAdminClient();

        var first = await Eventually.GetAsync(
            async () => await client.GetAsync("/api/imports", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportResponse>>(),
            page => page.Items.Any(i => i.Status == "succeeded"), TimeSpan.FromSeconds(30), "the first scheduled import");
        var job = Assert.Single(first.Items);
        Assert.Equal(("ogp", "schedule", 20), (job.Source, job.RequestedBy, job.Counts.Added));

        // Make the source due again; the file has not changed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
            await db.ImportSourceStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, DateTime.UtcNow.AddMinutes(-1)), TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(source.Requests.Count >= 2), TimeSpan.FromSeconds(30), "the second, conditional pull");
        Assert.Null(source.Requests[0].IfNoneMatch);
        Assert.Equal("\"v1\"", source.Requests[1].IfNoneMatch);
        var state = await Eventually.GetAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().ImportSourceStates.AsNoTracking().SingleAsync(s => s.Name == "ogp");
        }, s => s.LastOutcome == "not-modified", TimeSpan.FromSeconds(30), "the pull's outcome");
        Assert.Equal("\"v1\"", state.ETag);
        Assert.Equal(1, (await client.GetAsync("/api/imports", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportResponse>>()).Total);
    }

    [Fact]
    public async Task Admins_see_the_sources_and_their_last_pull_without_the_query_string()
    {
        var client = app.CreateAdminClient();

        var sources = await Eventually.GetAsync(
            async () => await client.GetAsync("/api/import-sources", TestContext.Current.CancellationToken).OkAsync<List<ImportSourceResponse>>(),
            list => list.Any(s => s.LastOutcome == "imported"), TimeSpan.FromSeconds(30), "the scheduled pull's outcome");

        Assert.Equal(["ogp", "small"], sources.Select(s => s.Name));
        var ogp = sources[0];
        Assert.Equal(("https://ogp.example/commitments.csv", TimeSpan.FromHours(1)), (ogp.Url, ogp.Interval));
        Assert.NotNull(ogp.LastImportId);
        Assert.True(ogp.NextDueAt > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Equal((null, null), (sources[1].Interval, sources[1].NextDueAt));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/import-sources", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_admin_can_import_a_configured_source_on_request()
    {
        var client = app.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/api/imports", new StartSourceImportRequest { Source = "OGP" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await ImportClient.WaitAsync(client, response.Headers.Location!.ToString());
        Assert.Equal(("ogp", "succeeded"), (job.Source, job.Status));
        Assert.Equal(SampleSheet.Bytes.Length, job.FileBytes);
    }

    [Fact]
    public async Task A_source_over_its_size_limit_is_rejected_with_the_reason()
    {
        var client = app.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/api/imports", new StartSourceImportRequest { Source = "small" }, TestContext.Current.CancellationToken);
        var job = await ImportClient.WaitAsync(client, response.Headers.Location!.ToString());

        Assert.Equal("rejected", job.Status);
        Assert.Contains("at most 2048 are accepted", job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_source_is_rejected_with_its_status()
    {
        source.Failing = true;
        var client = app.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/api/imports", new StartSourceImportRequest { Source = "ogp" }, TestContext.Current.CancellationToken);
        var job = await ImportClient.WaitAsync(client, response.Headers.Location!.ToString());

        Assert.Equal("rejected", job.Status);
        Assert.Equal("Source 'ogp' answered 503 Service Unavailable.", job.Error);
    }

    [Fact]
    public async Task A_transient_failure_of_a_source_is_tried_again()
    {
        using var flaky = new FakeSource { FailuresLeft = 1 };
        using var service = new ServiceFactory<Program>(
            new Dictionary<string, string?> { ["Imports:Sources:flaky:Url"] = "https://ogp.example/commitments.csv" },
            services => services.AddHttpClient(ImportSourceDownloader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => flaky));
        var client = service.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/api/imports", new StartSourceImportRequest { Source = "flaky" }, TestContext.Current.CancellationToken);
        var job = await ImportClient.WaitAsync(client, response.Headers.Location!.ToString());

        Assert.Equal(("succeeded", 20), (job.Status, job.Counts.Added));
        Assert.Equal(2, flaky.Requests.Count);
    }

    [Theory]
    [InlineData("Url", "ftp://ogp.example/x.csv", "must be an absolute http or https URL")]
    [InlineData("Interval", "00:01:00", "must be at least 00:05:00")]
    [InlineData("Timeout", "00:00:00", "must be between")]
    public void Source_settings_are_validated_at_start(string setting, string value, string message)
    {
        var options = new ImportOptions();
        var sourceOptions = new ImportSourceOptions { Url = new Uri("https://ogp.example/x.csv") };
        switch (setting)
        {
            case "Url": sourceOptions.Url = new Uri(value); break;
            case "Interval": sourceOptions.Interval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: sourceOptions.Timeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        options.Sources["ogp"] = sourceOptions;

        var result = new ImportOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Imports:Sources:ogp:{setting}", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        app.Dispose();
        source.Dispose();
    }

    /// <summary>Serves the sample with an ETag and honours If-None-Match, like a well-behaved file server.</summary>
    private sealed class FakeSource : HttpMessageHandler
    {
        public List<(Uri Url, string? IfNoneMatch)> Requests { get; } = [];

        public bool Failing { get; set; }

        /// <summary>Requests answered 503 before the source recovers.</summary>
        public int FailuresLeft { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var ifNoneMatch = request.Headers.IfNoneMatch.FirstOrDefault()?.ToString();
            lock (Requests)
            {
                Requests.Add((request.RequestUri!, ifNoneMatch));
            }

            if (Failing || (FailuresLeft > 0 && FailuresLeft-- > 0))
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }

            if (ifNoneMatch == "\"v1\"")
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotModified));
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(SampleSheet.Bytes) };
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v1\"");
            return Task.FromResult(response);
        }
    }
}
