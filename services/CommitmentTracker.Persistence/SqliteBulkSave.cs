using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CommitmentTracker.Persistence;

/// <summary>
/// A save on SQLite that writes the new rows of chosen entity types through prepared INSERTs (<see cref="BulkInserter"/>)
/// and leaves everything else to EF's own save, in one transaction: the caller's, or one begun here. For a batch of
/// events that adds hundreds of rows, EF's change tracker and SQL generation cost several times what SQLite does.
/// </summary>
/// <remarks>
/// Only for types whose new rows need nothing EF would do on insert beyond storing the values: no database defaults, no
/// owned or complex types, no foreign keys among the types given (they are inserted in the order given). A row whose key
/// the database generates is not read back: the entity is detached once inserted. The others stay tracked as unchanged,
/// so a later change to them in the same context is an update. On another provider, or when the save fails, nothing
/// differs from EF's save: the entries are back as they were, and the transaction begun here is rolled back (the
/// caller's, to a savepoint taken before the save).
/// </remarks>
public static class SqliteBulkSave
{
    private const string Savepoint = "BulkSave";

    /// <summary>
    /// Saves <paramref name="db"/>'s changes: the added entities of <paramref name="bulkTypes"/> first, then
    /// <paramref name="save"/> (the context's own <c>base.SaveChangesAsync</c>) for the rest. Returns the rows written.
    /// </summary>
    public static Task<int> SaveAsync(DbContext db, IReadOnlyList<Type> bulkTypes, Func<CancellationToken, Task<int>> save, CancellationToken cancellationToken) =>
        SaveAsync(db, bulkTypes, insertFirst: null, save, cancellationToken);

    /// <summary>
    /// <see cref="SaveAsync(DbContext, IReadOnlyList{Type}, Func{CancellationToken, Task{int}}, CancellationToken)"/>, with
    /// rows the context keeps outside its change tracker: <paramref name="insertFirst"/> inserts them in the same
    /// transaction, before the rest, and returns how many (SQLite only: elsewhere the context tracks them itself).
    /// </summary>
    public static async Task<int> SaveAsync(
        DbContext db, IReadOnlyList<Type> bulkTypes, Func<CancellationToken, Task<int>>? insertFirst, Func<CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bulkTypes);
        ArgumentNullException.ThrowIfNull(save);
        if (!db.Database.IsSqlite())
        {
            return await save(cancellationToken);
        }

        var added = AddedEntries(db, bulkTypes);
        if (added.Count == 0 && insertFirst is null)
        {
            return await save(cancellationToken);
        }

        if (db.Database.CurrentTransaction is { } current)
        {
            if (!db.Database.AutoSavepointsEnabled || !current.SupportsSavepoints)
            {
                return await SaveInTransactionAsync(db, added, insertFirst, save, cancellationToken);
            }

            // As EF's own save does: a failure leaves the caller's transaction as it was before the save.
            await current.CreateSavepointAsync(Savepoint, cancellationToken);
            try
            {
                var saved = await SaveInTransactionAsync(db, added, insertFirst, save, cancellationToken);
                await current.ReleaseSavepointAsync(Savepoint, cancellationToken);
                return saved;
            }
            catch
            {
                await current.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                throw;
            }
        }

        // SQLite's execution strategy does not retry, so a transaction of our own needs no strategy around it. EF's
        // savepoint inside it would only add statements: a failure rolls back the whole transaction anyway.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var saved = await SaveInTransactionAsync(db, added, insertFirst, save, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>The added entries of each type, in the order of the types (read without change detection: adding sets the state).</summary>
    private static List<List<EntityEntry>> AddedEntries(DbContext db, IReadOnlyList<Type> bulkTypes)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var byType = db.ChangeTracker.Entries()
                .Where(e => e.State == EntityState.Added && bulkTypes.Contains(e.Metadata.ClrType))
                .GroupBy(e => e.Metadata.ClrType)
                .ToDictionary(g => g.Key, g => g.ToList());
            return [.. bulkTypes.Where(byType.ContainsKey).Select(t => byType[t])];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static async Task<int> SaveInTransactionAsync(
        DbContext db, List<List<EntityEntry>> added, Func<CancellationToken, Task<int>>? insertFirst, Func<CancellationToken, Task<int>> save,
        CancellationToken cancellationToken)
    {
        var inserted = new List<EntityEntry>();
        try
        {
            var untracked = insertFirst is null ? 0 : await insertFirst(cancellationToken);
            foreach (var entries in added)
            {
                // A key EF holds a temporary value for is the database's to generate (an integer identity).
                var keyFromDatabase = entries[0].Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary);
                await using var inserter = await BulkInserter.CreateAsync(db, entries[0].Metadata, keyFromDatabase, cancellationToken);
                foreach (var entry in entries)
                {
                    inserter.Insert(entry.Entity);
                    inserted.Add(entry);
                    if (keyFromDatabase)
                    {
                        entry.State = EntityState.Detached;
                    }
                    else
                    {
                        // As stored now: the values set after it was added are no change (EF's snapshot dates from the add).
                        entry.State = EntityState.Unchanged;
                        entry.OriginalValues.SetValues(entry.CurrentValues);
                    }
                }
            }

            return untracked + inserted.Count + await save(cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            Restore(inserted);
            // What EF's save would throw (the inbox takes it for another delivery of a message that committed first).
            throw new DbUpdateException("A row of this save breaks a constraint of the database.", exception);
        }
        catch
        {
            Restore(inserted);
            throw;
        }
    }

    private static void Restore(List<EntityEntry> inserted)
    {
        foreach (var entry in inserted)
        {
            entry.State = EntityState.Added;
        }
    }
}
