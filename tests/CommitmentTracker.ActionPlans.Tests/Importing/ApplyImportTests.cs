using System.Net;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary><c>POST /api/imports/{id}/apply</c>: a succeeded dry run applied from the file it kept, with a known total for progress.</summary>
public sealed class ApplyImportTests : IDisposable
{
    private readonly ServiceFactory<Program> factory = new();

    private string WorkDirectory => Path.Combine(factory.DataDirectory, "imports");

    [Fact]
    public async Task Applying_a_dry_run_imports_the_file_it_kept_and_uses_it_up()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var dryRun = await ImportClient.ImportAsync(client, await RetitledSampleAsync(), "retitled.csv", dryRun: true);
        Assert.Equal(("succeeded", 1, 20), (dryRun.Status, dryRun.Counts.Changed, dryRun.RowsTotal));
        Assert.NotNull(dryRun.FileKeptUntil);
        Assert.Null(dryRun.AppliedById);
        Assert.True(File.Exists(Path.Combine(WorkDirectory, $"{dryRun.Id:N}.upload")));

        var response = await client.PostAsync($"/api/imports/{dryRun.Id}/apply", null, TestContext.Current.CancellationToken);
        var started = await Task.FromResult(response).OkAsync<ImportResponse>(HttpStatusCode.Accepted);

        Assert.Equal($"/api/imports/{started.Id}", response.Headers.Location!.ToString());
        Assert.Equal((false, dryRun.Id, 20, "retitled.csv"), (started.DryRun, started.DryRunId, started.RowsTotal, started.Source));
        var applied = await ImportClient.WaitAsync(client, $"/api/imports/{started.Id}");
        Assert.Equal("succeeded", applied.Status);
        Assert.Equal(new ImportCounts(RowsRead: 20, Added: 0, Changed: 1, Unchanged: 19, Removed: 0, Restored: 0, Rejected: 0, ActionPlansAdded: 0), applied.Counts);
        Assert.Equal(20, applied.RowsTotal);
        var history = await client.GetAsync("/api/commitments/UK0098/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentVersionResponse>>();
        Assert.Equal((2, started.Id), (history.Items[0].Version, history.Items[0].ImportId));
        Assert.Contains(history.Items[0].Changes, c => c.Field == "Commitment Title" && c.After == "Centralised open contracting data");

        var appliedDryRun = await client.GetAsync($"/api/imports/{dryRun.Id}", TestContext.Current.CancellationToken).OkAsync<ImportResponse>();
        Assert.Equal(started.Id, appliedDryRun.AppliedById);
        Assert.Null(appliedDryRun.FileKeptUntil);
        var listed = await client.GetAsync("/api/imports", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportResponse>>();
        Assert.Equal(started.Id, listed.Items.Single(i => i.Id == dryRun.Id).AppliedById);
        Assert.Empty(Directory.GetFiles(WorkDirectory));

        var again = await client.PostAsync($"/api/imports/{dryRun.Id}/apply", null, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("The dry run is applied already.", $"Import '{started.Id}' applies it."), (again.Title, again.Detail));
    }

    [Fact]
    public async Task Only_a_succeeded_dry_run_can_be_applied()
    {
        var client = factory.CreateAdminClient();
        var real = await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var duplicated = await SampleSheet.LoadAsync();
        duplicated.Rows.Add(duplicated.Row("BG0039"));
        var rejected = await ImportClient.ImportAsync(client, await duplicated.ToCsvAsync(), dryRun: true);
        Assert.Equal("rejected", rejected.Status);

        var notDryRun = await client.PostAsync($"/api/imports/{real.Id}/apply", null, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Conflict);
        var notSucceeded = await client.PostAsync($"/api/imports/{rejected.Id}/apply", null, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Conflict);
        var unknown = await client.PostAsync($"/api/imports/{Guid.NewGuid()}/apply", null, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);
        var notAnId = await client.PostAsync("/api/imports/not-an-id/apply", null, TestContext.Current.CancellationToken);

        Assert.Equal("Only a dry run can be applied.", notDryRun.Title);
        Assert.Equal(("The dry run has not succeeded.", $"Import '{rejected.Id}' is rejected; only a dry run that succeeded can be applied."), (notSucceeded.Title, notSucceeded.Detail));
        Assert.Equal("Import not found.", unknown.Title);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Null(rejected.FileKeptUntil);
        Assert.Empty(Directory.GetFiles(WorkDirectory));
    }

    [Fact]
    public async Task A_dry_run_whose_file_expired_or_went_is_409_and_says_to_upload_again()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var expired = await ImportClient.ImportAsync(client, await RetitledSampleAsync(), dryRun: true);
        var gone = await ImportClient.ImportAsync(client, await RetitledSampleAsync(), dryRun: true);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
            var swept = await DryRunFiles.SweepAsync(db, (await db.ImportJobs.SingleAsync(j => j.Id == expired.Id, TestContext.Current.CancellationToken)).CompletedAt!.Value.AddTicks(1), TestContext.Current.CancellationToken);
            Assert.Equal(1, swept);
        }

        File.Delete(Path.Combine(WorkDirectory, $"{gone.Id:N}.upload"));

        foreach (var dryRun in new[] { expired, gone })
        {
            var problem = await client.PostAsync($"/api/imports/{dryRun.Id}/apply", null, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("The dry run's file is no longer kept.", problem.Title);
            Assert.Contains("Upload the file again.", problem.Detail, StringComparison.Ordinal);
            Assert.Null((await client.GetAsync($"/api/imports/{dryRun.Id}", TestContext.Current.CancellationToken).OkAsync<ImportResponse>()).FileKeptUntil);
        }

        Assert.Empty(Directory.GetFiles(WorkDirectory));
        Assert.Equal(1, (await client.GetAsync("/api/imports", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportResponse>>()).Items.Count(i => !i.DryRun));
    }

    [Fact]
    public async Task An_apply_that_does_not_succeed_gives_the_file_back_and_the_dry_run_can_be_applied_again()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var dryRun = await ImportClient.ImportAsync(client, await RetitledSampleAsync(), dryRun: true);
        var kept = Path.Combine(WorkDirectory, $"{dryRun.Id:N}.upload");
        var applyPath = Path.Combine(WorkDirectory, "an-apply-that-failed.upload");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
            var stored = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == dryRun.Id, TestContext.Current.CancellationToken);
            Assert.True(await DryRunFiles.TakeAsync(db, stored, applyPath, TestContext.Current.CancellationToken));
            Assert.False(await DryRunFiles.TakeAsync(db, stored, applyPath + ".again", TestContext.Current.CancellationToken)); // taken once only
            Assert.Equal((false, true), (File.Exists(kept), File.Exists(applyPath)));
            Assert.Null((await client.GetAsync($"/api/imports/{dryRun.Id}", TestContext.Current.CancellationToken).OkAsync<ImportResponse>()).FileKeptUntil);

            var failed = new ImportJob { Id = Guid.NewGuid(), Source = "x", Format = "csv", Status = ImportStatus.Failed, FilePath = applyPath, DryRunId = dryRun.Id };
            await DryRunFiles.GiveBackAsync(db, failed, TestContext.Current.CancellationToken);
        }

        Assert.Equal((true, false), (File.Exists(kept), File.Exists(applyPath)));
        Assert.NotNull((await client.GetAsync($"/api/imports/{dryRun.Id}", TestContext.Current.CancellationToken).OkAsync<ImportResponse>()).FileKeptUntil);
        var started = await client.PostAsync($"/api/imports/{dryRun.Id}/apply", null, TestContext.Current.CancellationToken).OkAsync<ImportResponse>(HttpStatusCode.Accepted);
        Assert.Equal("succeeded", (await ImportClient.WaitAsync(client, $"/api/imports/{started.Id}")).Status);
    }

    [Theory]
    [InlineData("reader", null, null)]
    [InlineData("liaison", "OGP", null)]
    [InlineData("liaison", "OCP", null)]
    [InlineData("country-lead", null, "GBR")]
    public async Task Only_admins_apply_a_dry_run(string role, string? organisation, string? member)
    {
        var admin = factory.CreateAdminClient();
        await ImportClient.ImportAsync(admin, SampleSheet.Bytes);
        var dryRun = await ImportClient.ImportAsync(admin, await RetitledSampleAsync(), dryRun: true);
        var client = factory.As(role, organisation, member is null ? null : [member]);

        await client.PostAsync($"/api/imports/{dryRun.Id}/apply", null, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Forbidden);

        var read = await client.GetAsync($"/api/imports/{dryRun.Id}", TestContext.Current.CancellationToken).OkAsync<ImportResponse>();
        Assert.Null(read.AppliedById);
        Assert.NotNull(read.FileKeptUntil);
    }

    private static async Task<byte[]> RetitledSampleAsync()
    {
        var sample = await SampleSheet.LoadAsync();
        sample.Set("UK0098", "Commitment Title", "Centralised open contracting data");
        return await sample.ToCsvAsync();
    }

    public void Dispose() => factory.Dispose();
}
