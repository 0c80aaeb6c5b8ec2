using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommitmentTracker.Notifications.Data;

/// <summary>
/// Inserts rows of one entity type through a single prepared command on the context's open connection and current
/// transaction, bypassing the change tracker: on SQLite a statement costs no round trip, and EF's save of a batch's
/// hundreds of new rows (tracking, a command built per row, the generated key read back) cost far more than SQLite's
/// own work. Table, columns and parameter types come from the EF model, so rows are stored exactly as EF stores them;
/// store-generated keys are left to the database and not read back. (ActionPlans' import has the same tool for its links.)
/// </summary>
internal static class SqliteRowInserter
{
    public static async Task InsertAsync<TEntity>(DbContext db, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Rows are inserted inside the save's transaction; begin one first.");
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd || !p.IsPrimaryKey()).ToList();

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var columns = new (Func<TEntity, object?> Read, DbParameter Parameter, Func<object?, object?>? ToProvider)[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var mapping = (RelationalTypeMapping)properties[i].GetRelationalTypeMapping();
            // The name carries its prefix: otherwise SQLite's provider searches @, : and $ forms on every execution.
            var parameter = mapping.CreateParameter(command, $"@p{i}", value: null, properties[i].IsNullable);
            command.Parameters.Add(parameter);
            var converter = properties[i].GetValueConverter() ?? mapping.Converter;
            var getter = properties[i].GetGetter();
            columns[i] = (entity => getter.GetClrValue(entity), parameter, converter?.ConvertToProvider);
        }

        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))})";
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            foreach (var (read, parameter, toProvider) in columns)
            {
                var value = read(row);
                if (value is not null && toProvider is not null)
                {
                    value = toProvider(value);
                }

                parameter.Value = value ?? DBNull.Value;
            }

            // Synchronous on purpose: SQLite's provider has no real async I/O, only its overhead.
            command.ExecuteNonQuery();
        }
    }
}
