using CommitmentTracker.ActionPlans.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// A succeeded dry run keeps its file for <see cref="ImportOptions.DryRunFileRetention"/>, so a browser can apply it
/// without sending the file again. Applying takes the file over (the dry run's <see cref="ImportJob.FilePath"/> is
/// emptied in one atomic UPDATE, so two requests never apply the same dry run); an apply that does not succeed gives it
/// back. Expired files are deleted by <see cref="DryRunFileSweeper"/>.
/// </summary>
internal static class DryRunFiles
{
    /// <summary>Whether the dry run's file is (as far as the database knows) still kept.</summary>
    public static bool IsKept(ImportJob job) =>
        job is { DryRun: true, Status: ImportStatus.Succeeded, CompletedAt: not null } && job.FilePath.Length > 0;

    /// <summary>Imports that apply a dry run and have not ended unsuccessfully: a dry run with one is applied.</summary>
    public static IQueryable<ImportJob> Applying(ActionPlansDb db) =>
        db.ImportJobs.AsNoTracking().Where(j => j.DryRunId != null && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running || j.Status == ImportStatus.Succeeded));

    /// <summary>The applying import of each of <paramref name="dryRunIds"/> (the latest, should there be several).</summary>
    public static async Task<Dictionary<Guid, Guid>> AppliedByAsync(ActionPlansDb db, IReadOnlyCollection<Guid> dryRunIds, CancellationToken cancellationToken)
    {
        if (dryRunIds.Count == 0)
        {
            return [];
        }

        var applies = await Applying(db).Where(j => dryRunIds.Contains(j.DryRunId!.Value))
            .Select(j => new { DryRunId = j.DryRunId!.Value, j.Id, j.CreatedAt }).ToListAsync(cancellationToken);
        return applies.GroupBy(a => a.DryRunId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.CreatedAt)!.Id);
    }

    /// <summary>Moves the dry run's file to <paramref name="applyPath"/> for the import that applies it: true when this caller got it.</summary>
    public static async Task<bool> TakeAsync(ActionPlansDb db, ImportJob dryRun, string applyPath, CancellationToken cancellationToken)
    {
        var path = dryRun.FilePath;
        var taken = await db.ImportJobs
            .Where(j => j.Id == dryRun.Id && j.FilePath == path && j.Status == ImportStatus.Succeeded)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.FilePath, string.Empty), cancellationToken);
        if (taken == 0)
        {
            return false;
        }

        try
        {
            File.Move(path, applyPath);
            return true;
        }
        catch (IOException)
        {
            // The file went (deleted by hand, another machine's work folder): the dry run has none any more.
            return false;
        }
    }

    /// <summary>An apply that did not succeed gives the file back to its dry run, which may be applied again.</summary>
    public static async Task GiveBackAsync(ActionPlansDb db, ImportJob apply, CancellationToken cancellationToken)
    {
        if (apply.DryRunId is not { } dryRunId || !File.Exists(apply.FilePath))
        {
            return;
        }

        var path = Path.Combine(Path.GetDirectoryName(apply.FilePath)!, $"{dryRunId:N}.upload");
        File.Move(apply.FilePath, path, overwrite: true);
        await db.ImportJobs.Where(j => j.Id == dryRunId).ExecuteUpdateAsync(j => j.SetProperty(x => x.FilePath, path), cancellationToken);
    }

    /// <summary>Deletes the files of dry runs that ended before <paramref name="keptSince"/>; returns how many.</summary>
    public static async Task<int> SweepAsync(ActionPlansDb db, DateTime keptSince, CancellationToken cancellationToken)
    {
        var expired = await db.ImportJobs
            .Where(j => j.DryRun && j.Status == ImportStatus.Succeeded && j.FilePath != string.Empty && j.CompletedAt < keptSince)
            .Select(j => new { j.Id, j.FilePath }).ToListAsync(cancellationToken);
        foreach (var job in expired)
        {
            File.Delete(job.FilePath);
            await db.ImportJobs.Where(j => j.Id == job.Id && j.FilePath == job.FilePath)
                .ExecuteUpdateAsync(j => j.SetProperty(x => x.FilePath, string.Empty), cancellationToken);
        }

        return expired.Count;
    }
}
