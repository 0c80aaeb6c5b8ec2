using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CommitmentTracker.Benchmarks;

/// <summary>One reading of the pipeline: the queues still short of the events they consume, and what every queue and outbox holds.</summary>
internal sealed record PipelineState(List<string> Lagging, string Summary);

/// <summary>
/// Reads how far the pipeline has got from the services' databases, several times a second, without taking the CPU the
/// services need: a queue is caught up when its inbox holds one record per event of the types it consumes, across all
/// outboxes, and no outbox row is unsent. Outbox rows are counted by type only once each (rows with an id above the
/// highest seen; they are kept for days), unsent rows through the relay's own index, inbox records by consumer (on
/// SQLite also only once each).
/// </summary>
/// <remarks>
/// Counting every outbox row on each reading, as this did first, read each row's whole body (hundreds of MB a second:
/// the unsent mark is stored after it) and took a fifth of a core, a tenth of the machine the pipeline runs on.
/// </remarks>
internal sealed class PipelineProbe(Func<string, Task<DbConnection>> open)
{
    /// <summary>Each queue and the event types its consumer takes (docs/messaging.md's table).</summary>
    internal static readonly (string Database, string Queue, string[] Events)[] Queues =
    [
        ("tagging", "tagging-commitment-events", ["CommitmentAdded", "CommitmentChanged", "CommitmentRemoved"]),
        ("engagement", "engagement-action-plan-events", ["ActionPlanImported"]),
        ("engagement", "engagement-commitment-events", ["CommitmentAdded", "CommitmentChanged", "CommitmentRemoved"]),
        ("engagement", "engagement-tag-events", ["CommitmentTagged", "CommitmentUntagged", "TagSuggestionRejected"]),
        ("engagement", "engagement-thread-events", ["CommitmentsLinked", "CommitmentsUnlinked"]),
        ("notifications", "notifications-activity", ["ActionPlanImported", "CommitmentAdded", "CommitmentChanged", "CommitmentRemoved", "ImportCompleted", "TagSuggested", "CommitmentTagged", "CommitmentUntagged", "TagSuggestionRejected", "CommitmentsLinked", "CommitmentsUnlinked", "EngagementAssessed"]),
    ];

    /// <summary>The services' databases, each with an outbox and an inbox.</summary>
    internal static readonly string[] Databases = ["actionplans", "tagging", "engagement", "notifications"];

    /// <summary>Per database: the highest outbox id counted, and the rows counted so far by event type.</summary>
    private readonly Dictionary<string, (long LastId, Dictionary<string, int> Events)> outboxes =
        Databases.ToDictionary(d => d, _ => (0L, new Dictionary<string, int>(StringComparer.Ordinal)), StringComparer.Ordinal);

    /// <summary>Per SQLite database: the highest inbox rowid counted, and the records counted so far by consumer.</summary>
    private readonly Dictionary<string, (long LastRow, Dictionary<string, long> Handled)> inboxes =
        Databases.ToDictionary(d => d, _ => (0L, new Dictionary<string, long>(StringComparer.Ordinal)), StringComparer.Ordinal);

    /// <summary>A reading that counts only the outbox rows (and, on SQLite, inbox records) added since the last one.</summary>
    public Task<PipelineState> ReadAsync() => ReadAsync(recount: false);

    /// <summary>A reading that counts every outbox row and inbox record again.</summary>
    public Task<PipelineState> ReadAllAsync() => ReadAsync(recount: true);

    private async Task<PipelineState> ReadAsync(bool recount)
    {
        var unsent = 0L;
        var handled = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var database in Databases)
        {
            await using var connection = await open(database);
            var (lastId, events) = recount ? (0L, new Dictionary<string, int>(StringComparer.Ordinal)) : outboxes[database];
            foreach (var row in await RowsAsync(connection, Invariant($"""SELECT "MessageType", COUNT(*), MAX("Id") FROM "OutboxMessages" WHERE "Id" > {lastId} GROUP BY "MessageType" """)))
            {
                // "CommitmentTracker.Contracts.Events.CommitmentAdded, CommitmentTracker.Contracts" → "CommitmentAdded"
                var type = ((string)row[0]).Split(',')[0];
                type = type[(type.LastIndexOf('.') + 1)..];
                events[type] = events.GetValueOrDefault(type) + Convert.ToInt32(row[1], CultureInfo.InvariantCulture);
                lastId = Math.Max(lastId, Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
            }

            outboxes[database] = (lastId, events);
            unsent += await ScalarAsync(connection, """SELECT COUNT(*) FROM "OutboxMessages" WHERE "SentAt" IS NULL""");
            if (connection is SqliteConnection && !recount)
            {
                // SQLite gives each new record the next rowid, in the order they commit (one writer at a time).
                var (lastRow, counted) = inboxes[database];
                foreach (var row in await RowsAsync(connection, Invariant($"""SELECT "Consumer", COUNT(*), MAX(rowid) FROM "InboxMessages" WHERE rowid > {lastRow} GROUP BY "Consumer" """)))
                {
                    counted[(string)row[0]] = counted.GetValueOrDefault((string)row[0]) + Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
                    lastRow = Math.Max(lastRow, Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
                }

                inboxes[database] = (lastRow, counted);
                foreach (var (consumer, count) in counted)
                {
                    handled[consumer] = count;
                }
            }
            else
            {
                foreach (var row in await RowsAsync(connection, """SELECT "Consumer", COUNT(*) FROM "InboxMessages" GROUP BY "Consumer" """))
                {
                    handled[(string)row[0]] = Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
                }
            }
        }

        var published = outboxes.Values.SelectMany(o => o.Events).GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        var lagging = new List<string>();
        var summary = new List<string>();
        foreach (var (_, queue, consumed) in Queues)
        {
            var expected = consumed.Sum(e => published.GetValueOrDefault(e));
            var done = handled.GetValueOrDefault(queue);
            summary.Add(Invariant($"{queue} {done}"));
            if (done < expected)
            {
                lagging.Add(Invariant($"{queue} {done}/{expected}"));
            }
        }

        if (unsent > 0)
        {
            lagging.Add(Invariant($"{unsent} unsent"));
        }

        return new PipelineState(lagging, string.Join(", ", summary) + "; events " + string.Join(", ", published.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}")));
    }

    /// <summary>The rows of a query, a handful here (one per event type or consumer).</summary>
    private static async Task<List<object[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
