using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Inserts many rows of one entity type through a single prepared command, bypassing the change tracker: for bulk
/// work (an import's thousands of new rows, an event batch's activity entries) where <c>SaveChanges</c> costs far more than the database does. Table,
/// columns and parameter types come from the EF model, so rows are stored exactly as EF would store them.
/// Store-generated keys are left to the database and not read back.
/// </summary>
/// <remarks>
/// Runs on the context's open connection and current transaction: the caller begins the transaction, and nothing is
/// visible until it commits. Meant for SQLite, where a statement costs no round trip; on a networked server EF's
/// batched <c>SaveChanges</c> is the better choice.
/// </remarks>
public sealed class BulkInserter<TEntity> : IAsyncDisposable
    where TEntity : class
{
    private readonly DbCommand command;
    private readonly (IProperty Property, DbParameter Parameter, Func<object?, object?>? ToProvider)[] columns;

    internal BulkInserter(DbCommand command, (IProperty, DbParameter, Func<object?, object?>?)[] columns)
    {
        this.command = command;
        this.columns = columns;
    }

    /// <summary>Inserts one row. Synchronous on purpose: SQLite's provider has no real async I/O, only its overhead.</summary>
    public void Insert(TEntity entity)
    {
        foreach (var (property, parameter, toProvider) in columns)
        {
            var value = property.GetGetter().GetClrValue(entity);
            if (value is not null && toProvider is not null)
            {
                value = toProvider(value);
            }

            parameter.Value = value ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}

/// <summary>Creates <see cref="BulkInserter{TEntity}"/>s.</summary>
public static class BulkInserter
{
    /// <summary>Inserts <paramref name="rows"/> with one prepared INSERT; the context must have an open transaction.</summary>
    public static async Task InsertAllAsync<TEntity>(DbContext db, IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await using var inserter = await CreateAsync<TEntity>(db, cancellationToken);
        foreach (var row in rows)
        {
            inserter.Insert(row);
        }
    }

    /// <summary>Prepares the INSERT for <typeparamref name="TEntity"/>; the context must have an open transaction.</summary>
    public static Task<BulkInserter<TEntity>> CreateAsync<TEntity>(DbContext db, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        return CreateAsync<TEntity>(db, entityType, keyFromDatabase: true, cancellationToken);
    }

    /// <summary>
    /// Prepares the INSERT for <paramref name="entityType"/>, whose rows it takes as objects; the context must have an open
    /// transaction. <paramref name="keyFromDatabase"/>: a key generated on add is left to the database (an integer
    /// identity); otherwise it is written as the entity holds it (a GUID made on the client).
    /// </summary>
    public static Task<BulkInserter<object>> CreateAsync(DbContext db, IEntityType entityType, bool keyFromDatabase, CancellationToken cancellationToken) =>
        CreateAsync<object>(db, entityType, keyFromDatabase, cancellationToken);

    private static async Task<BulkInserter<TEntity>> CreateAsync<TEntity>(DbContext db, IEntityType entityType, bool keyFromDatabase, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entityType);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction; begin one first.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties().Where(p => !keyFromDatabase || p.ValueGenerated != ValueGenerated.OnAdd || !p.IsPrimaryKey()).ToList();

        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var columns = new (IProperty, DbParameter, Func<object?, object?>?)[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var mapping = (RelationalTypeMapping)properties[i].GetRelationalTypeMapping();
            // The name carries its prefix: otherwise SQLite's provider searches @, : and $ forms on every execution.
            var parameter = mapping.CreateParameter(command, $"@p{i}", value: null, properties[i].IsNullable);
            command.Parameters.Add(parameter);
            var converter = properties[i].GetValueConverter() ?? mapping.Converter;
            columns[i] = (properties[i], parameter, converter?.ConvertToProvider);
        }

        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Item2.ParameterName))})";
        await command.PrepareAsync(cancellationToken);
        return new BulkInserter<TEntity>(command, columns);
    }
}
