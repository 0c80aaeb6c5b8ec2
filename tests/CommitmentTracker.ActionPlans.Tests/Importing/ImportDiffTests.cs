using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>
/// The diff is computed once (<see cref="ImportComparer"/>) and then applied (<see cref="ImportWriter"/>) or only
/// recorded (<see cref="DryRunWriter"/>): run directly against a migrated SQLite file, without the web host.
/// </summary>
public sealed class ImportDiffTests : IAsyncLifetime
{
    /// <summary>Small batches, so plans, rows and removals cross batch boundaries.</summary>
    private static readonly ImportOptions Options = new() { BatchSize = 7 };
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string folder = Directory.CreateTempSubdirectory("ct-import-diff-").FullName;

    private string DatabasePath => Path.Combine(folder, "actionplans.db");

    public async ValueTask InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_dry_run_records_exactly_what_applying_the_same_file_writes()
    {
        await ImportAsync(SampleSheet.Bytes, dryRun: false);
        var withoutMw0010 = await SampleSheet.LoadAsync();
        withoutMw0010.Rows.Remove(withoutMw0010.Row("MW0010"));
        await ImportAsync(await withoutMw0010.ToCsvAsync(), dryRun: false);
        var file = await ModifiedSampleAsync();
        var before = await StoredAsync();

        var dryRun = await ImportAsync(file, dryRun: true);

        Assert.Equal(before, await StoredAsync());
        var applied = await ImportAsync(file, dryRun: false);

        Assert.Equal(
            (dryRun.RowsRead, dryRun.Added, dryRun.Changed, dryRun.Unchanged, dryRun.Removed, dryRun.Restored, dryRun.Rejected, dryRun.ActionPlansAdded, dryRun.ErrorCount, dryRun.ActionPlanIds),
            (applied.RowsRead, applied.Added, applied.Changed, applied.Unchanged, applied.Removed, applied.Restored, applied.Rejected, applied.ActionPlansAdded, applied.ErrorCount, applied.ActionPlanIds));
        Assert.Equal((21, 2, 1, 16, 1, 1, 1, 1), (applied.RowsRead, applied.Added, applied.Changed, applied.Unchanged, applied.Removed, applied.Restored, applied.Rejected, applied.ActionPlansAdded));
        var recorded = await RecordedAsync(dryRun.Id);
        var written = await WrittenAsync(applied.Id);
        Assert.Equal(written, recorded);
        Assert.Equal(
            ["added:AL0099:AP_ALB01", "added:AL0100:AP_ALB99", "changed:BG0039:AP_BGR02", "plan-added::AP_ALB99", "removed:MW0006:AP_MWI02", "restored:MW0010:AP_MWI02"],
            recorded.Select(r => $"{r.Kind}:{r.CommitmentId}:{r.ActionPlanId}"));
        Assert.Equal(
            """[{"field":"Completion (End Of Term)","before":"Substantial","after":"Complete"},{"field":"_CompletionEndTerm","before":"4","after":"5"}]""",
            recorded.Single(r => r.Kind == "changed").Changes);
    }

    [Fact]
    public async Task Applying_publishes_one_event_per_recorded_change_and_stores_refreshed_rows_without_a_version()
    {
        await ImportAsync(SampleSheet.Bytes, dryRun: false);
        var file = await ModifiedSampleAsync();
        var dryRun = await ImportAsync(file, dryRun: true);

        var applied = await ImportAsync(file, dryRun: false);

        var recorded = await RecordedAsync(dryRun.Id);
        await using var db = Open();
        var plans = (await db.EventsAsync<ActionPlanImported>()).Where(e => recorded.Any(r => r.Kind == ChangeKind.PlanAdded && r.ActionPlanId == e.ActionPlanId)).ToList();
        var added = (await db.EventsAsync<CommitmentAdded>()).Where(e => e.ImportId == applied.Id).ToList();
        var changed = Assert.Single(await db.EventsAsync<CommitmentChanged>(), e => e.ImportId == applied.Id);
        var removed = Assert.Single(await db.EventsAsync<CommitmentRemoved>(), e => e.ImportId == applied.Id);
        Assert.Equal(["AP_ALB99"], plans.Select(p => p.ActionPlanId));
        Assert.Equal(recorded.Where(r => r.Kind == ChangeKind.Added).Select(r => r.CommitmentId).Order(StringComparer.Ordinal), added.Select(a => a.CommitmentId).Order(StringComparer.Ordinal));
        Assert.Equal(("BG0039", 2), (changed.CommitmentId, changed.Version));
        Assert.Equal(recorded.Single(r => r.Kind == ChangeKind.Changed).Changes, JsonSerializer.Serialize(changed.Changes, Json));
        Assert.Equal("MW0006", removed.CommitmentId);
        var completed = Assert.Single(await db.EventsAsync<ImportCompleted>(), e => e.ImportId == applied.Id);
        Assert.Equal(("succeeded", 2, 1, 1), (completed.Status, completed.Added, completed.Changed, completed.Removed));
        Assert.DoesNotContain(await db.EventsAsync<ImportCompleted>(), e => e.ImportId == dryRun.Id);

        // AL0003's housekeeping moved: stored by the real import, recorded by neither as news.
        var al0003 = await db.Commitments.AsNoTracking().SingleAsync(c => c.Id == "AL0003", TestContext.Current.CancellationToken);
        Assert.Equal((1, applied.Id), (al0003.Version, al0003.LastImportId));
        Assert.Equal("42", CommitmentCells.ReadStored(al0003.Cells, al0003.FullText)["CHECKSUM"]);
        Assert.DoesNotContain(recorded, r => r.CommitmentId == "AL0003");
    }

    [Fact]
    public async Task The_comparer_lists_fields_before_and_after_and_stages_nothing()
    {
        await ImportAsync(SampleSheet.Bytes, dryRun: false);
        var sample = await SampleSheet.LoadAsync();
        sample.Set("UK0098", "Commitment Title", "Centralised open contracting data");
        var originalTitle = (await SampleSheet.LoadAsync()).Get("UK0098", "Commitment Title");
        var path = Path.Combine(folder, "changed.csv");
        await File.WriteAllBytesAsync(path, await sample.ToCsvAsync(), TestContext.Current.CancellationToken);
        await using var db = Open();
        var job = NewJob(path, dryRun: false);

        await using var file = File.OpenRead(path);
        using var reader = SheetFiles.Open(file, SheetFormat.Csv);
        var layout = SheetLayout.TryCreate(reader.Header, out _)!;
        var comparer = await ImportComparer.StartAsync(db, job, layout, new ImportOptions { BatchSize = 100 }, DateTime.UtcNow, TestContext.Current.CancellationToken);
        var rows = new RowReader(layout, comparer.Names, Options.MaxCellChars);
        var problems = new List<RowProblem>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            Assert.False(comparer.Add(rows.Read(reader, problems, out _, out _)!));
        }

        var changes = await comparer.CompareBatchAsync(TestContext.Current.CancellationToken);

        var changed = Assert.IsType<RowChanged>(Assert.Single(changes));
        Assert.Equal(("UK0098", ChangeKind.Changed), (changed.Stored.Id, changed.Kind));
        Assert.Equal([new FieldChange("Commitment Title", originalTitle, "Centralised open contracting data")], changed.Changes);
        Assert.Equal((0, 1, 19), (job.Added, job.Changed, job.Unchanged));
        Assert.False(db.ChangeTracker.HasChanges());
        Assert.Equal(1, changed.Stored.Version);
    }

    /// <summary>
    /// The sample with every kind of difference: a meaningful change (BG0039), a housekeeping-only change (AL0003), a row
    /// gone (MW0006), a new row (AL0099), a new row of a new plan (AL0100 in AP_ALB99), and a row whose plan belongs to
    /// another member (rejected, LV0040).
    /// </summary>
    private static async Task<byte[]> ModifiedSampleAsync()
    {
        var sample = await SampleSheet.LoadAsync();
        sample.Set("BG0039", "Completion (End Of Term)", "Complete");
        sample.Set("BG0039", "_CompletionEndTerm", "5");
        sample.Set("AL0003", "CHECKSUM", "42");
        var newRow = (string[])sample.Row("AL0003").Clone();
        newRow[0] = "AL0099";
        sample.Rows.Add(newRow);
        var newPlan = (string[])sample.Row("AL0003").Clone();
        newPlan[0] = "AL0100";
        newPlan[sample.Header.IndexOf("Action Plan ID")] = "AP_ALB99";
        sample.Rows.Add(newPlan);
        sample.Set("LV0040", "Code", "ALB");
        sample.Rows.Remove(sample.Row("MW0006"));
        return await sample.ToCsvAsync();
    }

    private SqliteActionPlansDb Open() =>
        new(new DbContextOptionsBuilder<SqliteActionPlansDb>().UseSqlite($"Data Source={DatabasePath}").Options);

    private static ImportJob NewJob(string path, bool dryRun) => new()
    {
        Id = Guid.CreateVersion7(),
        Source = Path.GetFileName(path),
        Format = "csv",
        Status = ImportStatus.Running,
        DryRun = dryRun,
        CreatedAt = DateTime.UtcNow,
        FilePath = path,
    };

    /// <summary>Runs the import of <paramref name="content"/> as the import worker does, and returns the job as stored.</summary>
    private async Task<ImportJob> ImportAsync(byte[] content, bool dryRun)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);
        var job = NewJob(path, dryRun);
        await using (var setup = Open())
        {
            setup.ImportJobs.Add(job);
            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = Open())
        {
            await ImportRunner.ImportFileAsync(db, job, Options, TimeProvider.System, new ImportProgress(), TestContext.Current.CancellationToken);
        }

        await using var read = Open();
        var stored = await read.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job.Id, TestContext.Current.CancellationToken);
        Assert.Equal(ImportStatus.Succeeded, stored.Status);
        return stored;
    }

    private sealed record Entry(string Kind, string? CommitmentId, string ActionPlanId, string? Changes);

    /// <summary>A dry run's recorded diff, in a stable order.</summary>
    private async Task<List<Entry>> RecordedAsync(Guid importId)
    {
        await using var db = Open();
        var entries = await db.ImportDiffEntries.AsNoTracking().Where(e => e.ImportId == importId).ToListAsync(TestContext.Current.CancellationToken);
        return [.. entries.Select(e => new Entry(e.Kind, e.CommitmentId, e.ActionPlanId, e.Changes)).OrderBy(e => $"{e.Kind}:{e.CommitmentId}:{e.ActionPlanId}", StringComparer.Ordinal)];
    }

    /// <summary>What a real import wrote that is news: the plans it added and the versions it wrote, in the same order.</summary>
    private async Task<List<Entry>> WrittenAsync(Guid importId)
    {
        await using var db = Open();
        var plans = await db.ActionPlans.AsNoTracking().Where(p => p.FirstImportId == importId).Select(p => p.Id).ToListAsync(TestContext.Current.CancellationToken);
        var versions = await db.CommitmentVersions.AsNoTracking().Where(v => v.ImportId == importId)
            .Join(db.Commitments, v => v.CommitmentId, c => c.Id, (v, c) => new Entry(v.Kind, v.CommitmentId, c.ActionPlanId, v.Changes))
            .ToListAsync(TestContext.Current.CancellationToken);
        return [.. plans.Select(id => new Entry(ChangeKind.PlanAdded, null, id, null)).Concat(versions).OrderBy(e => $"{e.Kind}:{e.CommitmentId}:{e.ActionPlanId}", StringComparer.Ordinal)];
    }

    /// <summary>Everything a dry run must leave alone.</summary>
    private async Task<(int Members, int Plans, int Commitments, int Versions, int Events, string Hashes)> StoredAsync()
    {
        await using var db = Open();
        var hashes = await db.Commitments.AsNoTracking().OrderBy(c => c.Id).Select(c => c.FullHash).ToListAsync(TestContext.Current.CancellationToken);
        return (
            await db.Members.CountAsync(TestContext.Current.CancellationToken),
            await db.ActionPlans.CountAsync(TestContext.Current.CancellationToken),
            await db.Commitments.CountAsync(c => !c.Removed, TestContext.Current.CancellationToken),
            await db.CommitmentVersions.CountAsync(TestContext.Current.CancellationToken),
            await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken),
            string.Join(',', hashes.Select(Convert.ToHexString)));
    }
}
