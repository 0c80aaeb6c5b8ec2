using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// An import job on two ActionPlans instances sharing one PostgreSQL database: restarting the instance that does not run
/// it leaves it to its runner (before the lease, the restarted instance took it back and both ran it), and killing the
/// runner hands it to the other instance once the lease has passed. Each ends with one job succeeded, its commitments
/// once, and one <c>ImportCompleted</c> in the outbox. In this local mode both instances share the machine's temporary
/// folder (<c>Imports:WorkDirectory</c>), so an uploaded file is reachable by either; separate machines need a shared
/// folder, or a source import (docs/imports.md).
/// </summary>
[Collection(SharedScaledOutSystem.Name)]
public sealed class ImportLeaseScaleOutTests(ScaledOutSystem system)
{
    /// <summary>Rows enough for the import to outlast an instance's restart on 2 busy cores (measured: see the output).</summary>
    private const int Rows = 12_000;

    [Fact]
    public async Task An_import_is_run_once_when_the_other_instance_restarts_and_completed_by_the_survivor_when_its_runner_is_killed()
    {
        system.RequireRunning();
        var output = TestContext.Current.TestOutputHelper!;
        var cancellationToken = TestContext.Current.CancellationToken;
        var effects = new ScaleOutEffects(system.System);
        using var http = system.CreateHttpClient();
        var clock = Stopwatch.StartNew();

        // 1. The instance that does not run the import restarts (kill -9, start): it must leave the job to its runner.
        var first = await PostSheetAsync(http, "QLA", cancellationToken);
        var (runner, other) = await RunnerAsync(effects, first, cancellationToken);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: import {first} runs on {runner}; kill -9 of {other} and start");
        await system.System.RunAsync("resource-kill", other);
        await system.System.RunAsync("resource-start", other);
        var during = await effects.ImportJobAsync(first, cancellationToken);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {other} is back; the import is {during.Status}");
        Assert.True(during.Status == "running", $"the import ended ({during.Status}) before {other} was back: make the sheet bigger");
        // The restarted instance's sweep ran at its start; one more lease interval for a later sweep.
        await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
        var firstJob = await WaitAsync(http, first, cancellationToken);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: import {first} {firstJob.Status}");
        Assert.Equal("succeeded", firstJob.Status);
        Assert.Equal(during.RunnerId, (await effects.ImportJobAsync(first, cancellationToken)).RunnerId);
        Assert.Equal(1, await effects.ImportCompletedEventsAsync(first, cancellationToken));
        Assert.Equal((Rows, Rows), await effects.CommitmentsAsync("QLA", cancellationToken));

        // 2. The runner itself is killed: the survivor takes the job once the lease (5 s here) has passed, and completes it.
        var second = await PostSheetAsync(http, "QLB", cancellationToken);
        (runner, other) = await RunnerAsync(effects, second, cancellationToken);
        var killed = (await effects.ImportJobAsync(second, cancellationToken)).RunnerId;
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: import {second} runs on {runner}; kill -9 of it");
        await system.System.RunAsync("resource-kill", runner);
        try
        {
            var secondJob = await WaitAsync(http, second, cancellationToken);
            var ended = await effects.ImportJobAsync(second, cancellationToken);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: import {second} {secondJob.Status}, run by {ended.RunnerId} (killed: {killed})");
            Assert.Equal("succeeded", secondJob.Status);
            Assert.NotEqual(killed, ended.RunnerId);
            Assert.Equal(1, await effects.ImportCompletedEventsAsync(second, cancellationToken));
            Assert.Equal((Rows, Rows), await effects.CommitmentsAsync("QLB", cancellationToken));
        }
        finally
        {
            // Later tests of the collection want both instances.
            await system.System.RunAsync("resource-start", runner);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: {runner} started again");
        }

        // And a system that has taken in these imports: the scale-out test's subscription hears of every member's new
        // plans and commitments, so 24 000 commitments still on their way to Notifications would be notified to it.
        await Eventually.UntilAsync(
            async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                var activity = await effects.ActivityAsync(["QLA", "QLB"], cancellationToken);
                return activity.GetValueOrDefault("commitment-added").MessageIds >= 2 * Rows && activity.GetValueOrDefault("action-plan-imported").MessageIds >= 2;
            },
            TimeSpan.FromMinutes(5), "Notifications to record both imports' plans and commitments");
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: Notifications has recorded both imports");
    }

    /// <summary>Waits until the import runs; returns the resource running it (by the pid in its runner id) and the other instance.</summary>
    private async Task<(string Runner, string Other)> RunnerAsync(ScaleOutEffects effects, Guid importId, CancellationToken cancellationToken)
    {
        var job = await Eventually.GetAsync(() => effects.ImportJobAsync(importId, cancellationToken), j => j.Status != "queued", TimeSpan.FromMinutes(1), $"import {importId} to start");
        Assert.Equal("running", job.Status);
        // RunnerId is machine:pid:guid; the AppHost's table has each resource's pid.
        var pid = job.RunnerId!.Split(':')[^2];
        var table = await system.System.RunAsync("status");
        var instances = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 4 && fields[0].StartsWith("actionplans-", StringComparison.Ordinal))
            .ToList();
        var runner = instances.SingleOrDefault(fields => fields[^1] == pid)?[0]
            ?? throw new InvalidOperationException($"no ActionPlans instance has pid {pid}:\n{table}");
        return (runner, instances.Select(fields => fields[0]).Single(name => name != runner));
    }

    private static async Task<Guid> PostSheetAsync(HttpClient http, string member, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Sheet(member));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"lease-{member}.csv");
        using var response = await http.PostAsync("/api/imports", form, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportResponse>(cancellationToken))!.Id;
    }

    private static Task<ImportResponse> WaitAsync(HttpClient http, Guid importId, CancellationToken cancellationToken) =>
        Eventually.GetAsync(
            async () => (await http.GetFromJsonAsync<ImportResponse>($"/api/imports/{importId}", cancellationToken))!,
            job => job.Status is not ("queued" or "running"),
            TimeSpan.FromMinutes(2),
            $"import {importId} to end");

    /// <summary>A one-plan sheet of <see cref="Rows"/> commitments for <paramref name="member"/> (a user-assigned Q… code).</summary>
    private static byte[] Sheet(string member)
    {
        var csv = new StringBuilder("Commitment Unique Identifier,Country/Locality,Code,Action Plan ID,Action Plan Number,Year Of Submission,Action Plan End Year,Commitment Title,Full Text\r\n");
        for (var row = 1; row <= Rows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{member}{row:D5},Lease {member},{member},AP_{member}01,1,2025,2027,Commitment {row},A commitment of a sheet big enough to take a while.\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
