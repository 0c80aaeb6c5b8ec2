using System.Data.Common;
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

    /// <summary>
    /// This process among the instances on one database: the owner its claims write (<see cref="ImportJob.RunnerId"/>).
    /// </summary>
    public string RunnerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}".Clip(200);

    /// <summary>
    /// Claims the job (<see cref="ImportLease.ClaimAsync"/>; another instance may have it) and runs it to its end while
    /// holding its lease. Returns false when the job was not claimed.
    /// </summary>
    public async Task<bool> RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var settings = options.Value;
        var job = await ImportLease.ClaimAsync(db, importId, RunnerId, time, settings.LeaseDuration, cancellationToken);
        if (job is null)
        {
            return false;
        }

        var succeeded = false;
        var lost = false;
        try
        {
            await using var lease = ImportLease.Hold(scopes, job, time, settings, logger);
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            try
            {
                var phases = new ImportPhases();
                await ImportAsync(db, job, phases, run.Token);
                succeeded = true;
                LogImported(logger, job.Id, job.Source, job.RowsRead, job.Added, job.Changed, job.Removed, job.Rejected);
                LogPhases(logger, job.Id, phases);
            }
            catch (Exception e) when (e is ImportLeaseLostException || lease.IsLost)
            {
                lost = true;
            }
            catch (Exception e) when (e is ImportRejectedException or InvalidDataException)
            {
                lost = !await FinishUnsuccessfullyAsync(job, ImportStatus.Rejected, e.Message, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                lost = !await FinishUnsuccessfullyAsync(job, ImportStatus.Failed, "Another import changed the same commitments at the same time; nothing was written. Run this import again.", cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, e, job.Id);
                lost = !await FinishUnsuccessfullyAsync(job, ImportStatus.Failed, "An unexpected error stopped the import; nothing was written. The service's log has the details.", cancellationToken);
            }
        }
        finally
        {
            progress.Forget(job.Id);
            if (lost)
            {
                // Its file and its outcome belong to the runner that has it now.
                LogLeaseLost(logger, job.Id);
            }
            else if (cancellationToken.IsCancellationRequested && !succeeded)
            {
                try
                {
                    await ImportLease.HandBackAsync(db, job);
                }
                catch (DbException e)
                {
                    // The lease passes by itself; another instance takes the job then.
                    LogHandBackFailed(logger, e, job.Id);
                }
            }
            else if (job.FilePath.Length > 0)
            {
                await ReleaseFileAsync(db, job, succeeded);
            }
        }

        return true;
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
            // A dry run's entries are saved batch by batch: a runner that died (or a failed attempt) may have left some.
            if (job.DryRun)
            {
                await db.ImportDiffEntries.Where(e => e.ImportId == job.Id).ExecuteDeleteAsync(ct);
            }

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
        var importWriter = job.DryRun ? null : await ImportWriter.StartAsync(db, job, layout.Name, now.UtcDateTime, settings, time, phases, cancellationToken);
        await using IImportWriter writer = importWriter ?? (IImportWriter)new DryRunWriter(db, job);
        var comparer = await ImportComparer.StartAsync(db, job, layout, settings, now.UtcDateTime, cancellationToken);
        // Parsing and checking rows runs on its own thread, a little ahead of the comparing and writing.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsed = Channel.CreateBounded<List<ParsedRow>>(new BoundedChannelOptions(ParsedChunksAhead) { SingleReader = true, SingleWriter = true });
        var rowReader = new RowReader(layout, comparer.Names, settings.MaxCellChars);
        // A real import's rows of plans the database does not hold are new: what is stored of them is worked out while parsing.
        var newRows = importWriter is null ? null : new NewRows(comparer.PlanIds, importWriter.Stamp);
        var producer = Task.Run(() => ParseAsync(reader, rowReader, newRows, parsed.Writer, phases, stop.Token), stop.Token);
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

    /// <summary>
    /// Chunks of parsed rows waiting for the comparer. Two keep the comparer from waiting (tens of ms in a 20 000-row
    /// import); every row waiting is memory the GC promotes, and eight (2 048 rows of real size) kept the peak tens of
    /// MB higher for no speed (docs/benchmarks.md).
    /// </summary>
    private const int ParsedChunksAhead = 2;

    private sealed record ParsedRow(ImportedRow? Row, RowProblem[]? Problems, string? Id, string? ActionPlanId);

    /// <summary>The plans the database held when a real import began, and the import's stamp for the rows of the others.</summary>
    private sealed record NewRows(IReadOnlySet<string> StoredPlans, ImportStamp Stamp);

    /// <summary>
    /// Reads and checks rows, handing them over in chunks (one hand-over per row would cost more than the row). A row of a
    /// plan <paramref name="newRows"/> did not hold (null: none) goes with what will be stored of it (<see cref="StoredCells"/>)
    /// and with itself as a new commitment (<see cref="NewCommitment"/>).
    /// </summary>
    private static async Task ParseAsync(
        ISheetReader reader, RowReader rows, NewRows? newRows, ChannelWriter<List<ParsedRow>> output, ImportPhases phases, CancellationToken cancellationToken)
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
                if (row is not null && newRows is not null && !newRows.StoredPlans.Contains(row.ActionPlanId))
                {
                    var stored = row with { Stored = StoredCells.Of(row) };
                    row = stored with { New = NewCommitment.Of(stored, newRows.Stamp) };
                }

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

    /// <summary>
    /// Records the outcome in a fresh context (the import's own work was rolled back with its transaction), if this runner
    /// still holds the job; false when another runner has taken it (nothing written).
    /// </summary>
    private async Task<bool> FinishUnsuccessfullyAsync(ImportJob job, string status, string error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await ImportLease.EnsureHeldAsync(db, job, ct);
                var stored = await db.ImportJobs.FirstAsync(j => j.Id == job.Id, ct);
                stored.Status = status;
                stored.Error = error.Clip(2000);
                stored.CompletedAt = time.GetUtcNow().UtcDateTime;
                stored.Format = job.Format;
                stored.Layout = job.Layout;
                stored.FileBytes = job.FileBytes;
                stored.UnknownColumns = job.UnknownColumns;
                ResetCounts(stored);
                await db.ImportDiffEntries.Where(e => e.ImportId == job.Id).ExecuteDeleteAsync(ct);
                if (!job.DryRun)
                {
                    db.PublishOnCommit(ImportWriter.Completed(stored, time.GetUtcNow()));
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (ImportLeaseLostException)
        {
            return false;
        }

        LogUnsuccessful(logger, job.Id, status, error);
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Import {ImportId}: this instance is stopping and could not give the job back; another instance takes it when its lease passes")]
    private static partial void LogHandBackFailed(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(LogLevel.Warning, "Import {ImportId}: another instance runs this job now; this run stopped and wrote nothing")]
    private static partial void LogLeaseLost(ILogger logger, Guid importId);

    [LoggerMessage(LogLevel.Information, "Import {ImportId} of {Source}: {Rows} rows, {Added} added, {Changed} changed, {Removed} removed, {Rejected} rejected")]
    private static partial void LogImported(ILogger logger, Guid importId, string source, int rows, int added, int changed, int removed, int rejected);

    [LoggerMessage(LogLevel.Debug, "Import {ImportId} phases: {Phases}")]
    private static partial void LogPhases(ILogger logger, Guid importId, ImportPhases phases);

    [LoggerMessage(LogLevel.Error, "Import {ImportId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(LogLevel.Warning, "Import {ImportId} {Status}: {Error}")]
    private static partial void LogUnsuccessful(ILogger logger, Guid importId, string status, string error);
}
