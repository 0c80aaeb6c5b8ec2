using System.Text.Json;
using System.Threading.Channels;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Runs one import job: reads its file as a stream, compares it with the stored data and commits every change, its
/// history and its events in one transaction (a dry run records the changes instead). A file refused as a whole, or
/// any failure, writes nothing but the job's outcome.
/// </summary>
internal sealed partial class ImportRunner(
    IServiceScopeFactory scopes,
    ImportProgress progress,
    IImportSourceDownloader downloader,
    TimeProvider time,
    IOptions<ImportOptions> options,
    ILogger<ImportRunner> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Claims the queued job (another instance may have taken it) and runs it to its end.</summary>
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var startedAt = time.GetUtcNow().UtcDateTime;
        var claimed = await db.ImportJobs
            .Where(j => j.Id == importId && j.Status == ImportStatus.Queued)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.Status, ImportStatus.Running).SetProperty(x => x.StartedAt, startedAt), cancellationToken);
        var job = claimed == 1 ? await db.ImportJobs.AsNoTracking().FirstAsync(j => j.Id == importId, cancellationToken) : null;
        if (job is null)
        {
            return;
        }

        var succeeded = false;
        try
        {
            var phases = new ImportPhases();
            await ImportAsync(db, job, phases, cancellationToken);
            succeeded = true;
            LogImported(logger, job.Id, job.Source, job.RowsRead, job.Added, job.Changed, job.Removed, job.Rejected);
            LogPhases(logger, job.Id, phases);
        }
        catch (Exception e) when (e is ImportRejectedException or InvalidDataException)
        {
            await FinishUnsuccessfullyAsync(job, ImportStatus.Rejected, e.Message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await FinishUnsuccessfullyAsync(job, ImportStatus.Failed, "Another import changed the same commitments at the same time; nothing was written. Run this import again.", cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e, job.Id);
            await FinishUnsuccessfullyAsync(job, ImportStatus.Failed, "An unexpected error stopped the import; nothing was written. The service's log has the details.", cancellationToken);
        }
        finally
        {
            progress.Forget(job.Id);
            if (!cancellationToken.IsCancellationRequested && job.FilePath.Length > 0)
            {
                await ReleaseFileAsync(db, job, succeeded);
            }
        }
    }

    /// <summary>
    /// A succeeded dry run keeps its file to be applied (<see cref="DryRunFiles"/>); an apply that did not succeed gives it
    /// back to its dry run; every other file is deleted.
    /// </summary>
    private static async Task ReleaseFileAsync(ActionPlansDb db, ImportJob job, bool succeeded)
    {
        if (job.DryRun && succeeded)
        {
            return;
        }

        if (job.DryRunId is not null && !succeeded)
        {
            await DryRunFiles.GiveBackAsync(db, job, CancellationToken.None);
            return;
        }

        File.Delete(job.FilePath);
    }

    private async Task ImportAsync(ActionPlansDb db, ImportJob job, ImportPhases phases, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (job.FilePath.Length == 0 && job.SourceName is not null)
        {
            var downloaded = await downloader.DownloadAsync(job.SourceName, ifChanged: null, cancellationToken)
                ?? throw new ImportRejectedException($"Source '{job.SourceName}' sent no file.");
            job.FilePath = downloaded.Path;
            job.FileBytes = downloaded.Bytes;
        }

        // SQL Server's retrying strategy replays the whole import on a transient failure (from a clean slate).
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            ResetCounts(job);
            await ImportFileAsync(db, job, settings, time, progress, ct, phases);
        }, cancellationToken);
    }

    /// <summary>
    /// Reads the job's file once, as a stream, and imports it: rows are compared in batches (<see cref="ImportComparer"/>)
    /// and each batch's changes go to the job's writer, applied in one transaction (<see cref="ImportWriter"/>) or, for a
    /// dry run, only recorded (<see cref="DryRunWriter"/>).
    /// </summary>
    internal static async Task ImportFileAsync(ActionPlansDb db, ImportJob job, ImportOptions settings, TimeProvider time, ImportProgress progress, CancellationToken cancellationToken, ImportPhases? phases = null)
    {
        phases ??= new ImportPhases();
        await using var file = File.OpenRead(job.FilePath);
        var format = await SheetFiles.DetectAsync(file, cancellationToken)
            ?? throw new ImportRejectedException("The file is neither a CSV nor an XLSX workbook.");
        job.Format = format == SheetFormat.Xlsx ? "xlsx" : "csv";
        using var reader = SheetFiles.Open(file, format, settings.SheetLimits);
        var layout = SheetLayout.TryCreate(reader.Header, out var problem) ?? throw new ImportRejectedException(problem!);
        job.Layout = layout.Name;
        job.UnknownColumns = layout.Unknown.Count > 0 ? JsonSerializer.Serialize(layout.Unknown.Select(u => u.Name), Json) : null;

        var now = time.GetUtcNow();
        // The writer first: a real import's transaction covers the comparer's reads too. A dry run needs none.
        await using IImportWriter writer = job.DryRun ? new DryRunWriter(db, job) : await ImportWriter.StartAsync(db, job, layout.Name, settings, now, time, phases, cancellationToken);
        var comparer = await ImportComparer.StartAsync(db, job, layout, settings, now.UtcDateTime, cancellationToken);
        // Parsing and checking rows runs on its own thread, a couple of batches ahead of the comparing and writing.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsed = Channel.CreateBounded<List<ParsedRow>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ParseAsync(reader, new RowReader(layout, comparer.Names, settings.MaxCellChars), parsed.Writer, phases, stop.Token), stop.Token);
        try
        {
            while (true)
            {
                var waited = ImportPhases.Now();
                var more = await parsed.Reader.WaitToReadAsync(cancellationToken);
                phases.WaitForParser(waited);
                if (!more)
                {
                    break;
                }

                if (!parsed.Reader.TryRead(out var chunk))
                {
                    continue;
                }

                foreach (var item in chunk)
                {
                    if (item.Row is null)
                    {
                        comparer.Reject(item.Problems!, item.Id, item.ActionPlanId);
                    }
                    else if (comparer.Add(item.Row))
                    {
                        var compared = ImportPhases.Now();
                        var changes = await comparer.CompareBatchAsync(cancellationToken);
                        phases.Compare(compared);
                        await writer.WriteAsync(changes, cancellationToken);
                    }
                }

                progress.Report(job.Id, comparer.RowsRead);
            }
        }
        catch
        {
            // Stop the parser before the reader it uses is disposed; the consumer's failure is the one to report.
            await stop.CancelAsync();
            await producer.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        // Rethrows the parser's failure (an unreadable file rejects the import).
        await producer;
        var lastCompared = ImportPhases.Now();
        var last = await comparer.CompareBatchAsync(cancellationToken);
        phases.Compare(lastCompared);
        await writer.WriteAsync(last, cancellationToken);
        await foreach (var absent in comparer.FindAbsentAsync(cancellationToken))
        {
            await writer.WriteAsync(absent, cancellationToken);
        }

        var end = comparer.Complete();
        job.Status = ImportStatus.Succeeded;
        job.CompletedAt = time.GetUtcNow().UtcDateTime;
        await writer.CompleteAsync(end, cancellationToken);
    }

    private sealed record ParsedRow(ImportedRow? Row, RowProblem[]? Problems, string? Id, string? ActionPlanId);

    /// <summary>Reads and checks rows, handing them over in chunks (one hand-over per row would cost more than the row).</summary>
    private static async Task ParseAsync(ISheetReader reader, RowReader rows, ChannelWriter<List<ParsedRow>> output, ImportPhases phases, CancellationToken cancellationToken)
    {
        const int ChunkSize = 256;
        try
        {
            var problems = new List<RowProblem>();
            var chunk = new List<ParsedRow>(ChunkSize);
            var parsing = ImportPhases.Now();
            while (await reader.ReadAsync(cancellationToken))
            {
                problems.Clear();
                var row = rows.Read(reader, problems, out var id, out var actionPlanId);
                chunk.Add(new ParsedRow(row, row is null ? [.. problems] : null, id, actionPlanId));
                if (chunk.Count == ChunkSize)
                {
                    phases.Parse(parsing);
                    await output.WriteAsync(chunk, cancellationToken);
                    chunk = new List<ParsedRow>(ChunkSize);
                    parsing = ImportPhases.Now();
                }
            }

            phases.Parse(parsing);

            if (chunk.Count > 0)
            {
                await output.WriteAsync(chunk, cancellationToken);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    private static void ResetCounts(ImportJob job) =>
        (job.RowsRead, job.Added, job.Changed, job.Unchanged, job.Removed, job.Restored, job.Rejected, job.ActionPlansAdded, job.ErrorCount) = (0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Records the outcome in a fresh context: the import's own work was rolled back with its transaction.</summary>
    private async Task FinishUnsuccessfullyAsync(ImportJob job, string status, string error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var stored = await db.ImportJobs.FirstAsync(j => j.Id == job.Id, cancellationToken);
        stored.Status = status;
        stored.Error = error.Clip(2000);
        stored.CompletedAt = time.GetUtcNow().UtcDateTime;
        stored.Format = job.Format;
        stored.Layout = job.Layout;
        stored.FileBytes = job.FileBytes;
        stored.UnknownColumns = job.UnknownColumns;
        ResetCounts(stored);
        await db.ImportDiffEntries.Where(e => e.ImportId == job.Id).ExecuteDeleteAsync(cancellationToken);
        if (!job.DryRun)
        {
            db.PublishOnCommit(ImportWriter.Completed(stored, time.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
        LogUnsuccessful(logger, job.Id, status, error);
    }

    [LoggerMessage(LogLevel.Information, "Import {ImportId} of {Source}: {Rows} rows, {Added} added, {Changed} changed, {Removed} removed, {Rejected} rejected")]
    private static partial void LogImported(ILogger logger, Guid importId, string source, int rows, int added, int changed, int removed, int rejected);

    [LoggerMessage(LogLevel.Debug, "Import {ImportId} phases: {Phases}")]
    private static partial void LogPhases(ILogger logger, Guid importId, ImportPhases phases);

    [LoggerMessage(LogLevel.Error, "Import {ImportId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(LogLevel.Warning, "Import {ImportId} {Status}: {Error}")]
    private static partial void LogUnsuccessful(ILogger logger, Guid importId, string status, string error);
}
