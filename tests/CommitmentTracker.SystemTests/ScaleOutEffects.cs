using System.Text.Json;
using CommitmentTracker.Testing;
using Npgsql;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// The effects the services stored, read straight from their PostgreSQL databases on the run's server: each table is
/// where a duplicate or a lost effect would show, with the message id it carries.
/// </summary>
internal sealed class ScaleOutEffects(LocalDistributedSystem system)
{
    /// <summary>Activity rows of the members by kind: rows and distinct message ids.</summary>
    public async Task<Dictionary<string, (long Rows, long MessageIds)>> ActivityAsync(string[] members, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT "Kind", COUNT(*), COUNT(DISTINCT "MessageId") FROM "ActivityEntries"
            WHERE "MemberCode" = ANY(@members) GROUP BY "Kind"
            """;
        var rows = await QueryAsync("notifications", sql, r => (Kind: r.GetString(0), Rows: r.GetInt64(1), MessageIds: r.GetInt64(2)), cancellationToken, ("members", members));
        return rows.ToDictionary(r => r.Kind, r => (r.Rows, r.MessageIds), StringComparer.Ordinal);
    }

    /// <summary>Activity rows of ImportCompleted events whose summary starts with <paramref name="summaryPrefix"/> (they name no member): rows and distinct message ids.</summary>
    public async Task<(long Rows, long MessageIds)> ImportsCompletedAsync(string summaryPrefix, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT COUNT(*), COUNT(DISTINCT "MessageId") FROM "ActivityEntries" WHERE "Kind" = 'import-completed' AND starts_with("Summary", @prefix)
            """;
        var rows = await QueryAsync("notifications", sql, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken, ("prefix", summaryPrefix));
        return rows[0];
    }

    /// <summary>
    /// ActionPlans' import jobs whose source starts with <paramref name="sourcePrefix"/>: those that ended, and those still
    /// queued or running. It counts a job whose POST was answered by no one (the instance died after queuing it), which
    /// the test that posted it never learnt of.
    /// </summary>
    public async Task<(long Ended, long Open)> ImportJobsAsync(string sourcePrefix, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT COUNT(*) FILTER (WHERE "Status" NOT IN ('queued', 'running')), COUNT(*) FILTER (WHERE "Status" IN ('queued', 'running'))
            FROM "ImportJobs" WHERE starts_with("Source", @prefix)
            """;
        var rows = await QueryAsync("actionplans", sql, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken, ("prefix", sourcePrefix));
        return rows[0];
    }

    /// <summary>A subscription's notifications on one channel: rows, distinct message ids, rows in <paramref name="status"/>.</summary>
    public async Task<(long Rows, long MessageIds, long InStatus)> NotificationsAsync(Guid subscription, string channel, string status, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT COUNT(*), COUNT(DISTINCT "MessageId"), COUNT(*) FILTER (WHERE "Status" = @status) FROM "Notifications"
            WHERE "SubscriptionId" = @subscription AND "Channel" = @channel
            """;
        var rows = await QueryAsync("notifications", sql, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken,
            ("subscription", subscription), ("channel", channel), ("status", status));
        return rows[0];
    }

    /// <summary>
    /// Events of <paramref name="kinds"/> about the members that have no notification of the subscription on the channel
    /// (lost), and the subscription's notifications on the channel whose message is no such event (strays).
    /// </summary>
    public async Task<(long Missing, long Strays)> NotificationGapsAsync(Guid subscription, string channel, string[] members, string[] kinds, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT
              (SELECT COUNT(*) FROM "ActivityEntries" a
               WHERE a."MemberCode" = ANY(@members) AND a."Kind" = ANY(@kinds)
                 AND NOT EXISTS (SELECT 1 FROM "Notifications" n WHERE n."MessageId" = a."MessageId" AND n."SubscriptionId" = @subscription AND n."Channel" = @channel)),
              (SELECT COUNT(*) FROM "Notifications" n
               WHERE n."SubscriptionId" = @subscription AND n."Channel" = @channel
                 AND NOT EXISTS (SELECT 1 FROM "ActivityEntries" a WHERE a."MessageId" = n."MessageId" AND a."MemberCode" = ANY(@members) AND a."Kind" = ANY(@kinds)))
            """;
        var rows = await QueryAsync("notifications", sql, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken,
            ("subscription", subscription), ("channel", channel), ("members", members), ("kinds", kinds));
        return rows[0];
    }

    /// <summary>The subscription's webhook deliveries: delivery id → the event's message id.</summary>
    public async Task<Dictionary<long, Guid>> WebhookDeliveriesAsync(Guid subscription, CancellationToken cancellationToken)
    {
        const string sql = """SELECT "Id", "MessageId" FROM "Notifications" WHERE "SubscriptionId" = @subscription AND "Channel" = 'webhook'""";
        var rows = await QueryAsync("notifications", sql, r => (Id: r.GetInt64(0), MessageId: r.GetGuid(1)), cancellationToken, ("subscription", subscription));
        return rows.ToDictionary(r => r.Id, r => r.MessageId);
    }

    /// <summary>Tagging's suggestions for the members' commitments: (commitment, tag, status).</summary>
    public Task<List<(string CommitmentId, string Tag, string Status)>> SuggestionsAsync(string[] members, CancellationToken cancellationToken) =>
        QueryAsync("tagging", """SELECT "CommitmentId", "TagId", "Status" FROM "TagSuggestions" WHERE "MemberCode" = ANY(@members)""",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)), cancellationToken, ("members", members));

    /// <summary>Engagement's commitments and action plans of the members (what its consumers have applied so far).</summary>
    public async Task<(long Commitments, long Plans)> EngagementProjectionAsync(string[] members, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT (SELECT COUNT(*) FROM "Commitments" WHERE "MemberCode" = ANY(@members)),
                   (SELECT COUNT(*) FROM "MemberActionPlans" WHERE "MemberCode" = ANY(@members))
            """;
        var rows = await QueryAsync("engagement", sql, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken, ("members", members));
        return rows[0];
    }

    /// <summary>Engagement's assessment history of the members, and each member's current version.</summary>
    public async Task<(List<HistoryVersion> History, Dictionary<string, int> Current)> AssessmentsAsync(string[] members, CancellationToken cancellationToken)
    {
        var history = await QueryAsync("engagement", """
            SELECT "MemberCode", "Version", "PreviousCategory", "Category", "Components" FROM "AssessmentHistory" WHERE "MemberCode" = ANY(@members)
            """,
            r =>
            {
                using var components = JsonDocument.Parse(r.GetString(4));
                return new HistoryVersion(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), components.RootElement.GetArrayLength());
            },
            cancellationToken, ("members", members));
        var current = await QueryAsync("engagement", """SELECT "MemberCode", "Version" FROM "Assessments" WHERE "MemberCode" = ANY(@members)""",
            r => (Member: r.GetString(0), Version: r.GetInt32(1)), cancellationToken, ("members", members));
        return (history, current.ToDictionary(c => c.Member, c => c.Version, StringComparer.Ordinal));
    }

    /// <summary>An import job as ActionPlans stored it: its status and the runner (instance) that holds or held it.</summary>
    public async Task<(string Status, string? RunnerId)> ImportJobAsync(Guid importId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("actionplans", """SELECT "Status", "RunnerId" FROM "ImportJobs" WHERE "Id" = @id""",
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)), cancellationToken, ("id", importId));
        return rows.Single();
    }

    /// <summary>The <c>ImportCompleted</c> events of one import in ActionPlans' outbox (sent or not: sent rows stay for days).</summary>
    public async Task<long> ImportCompletedEventsAsync(Guid importId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("actionplans", """
            SELECT COUNT(*) FROM "OutboxMessages" WHERE "MessageType" LIKE '%ImportCompleted%' AND "Body" LIKE '%' || @id || '%'
            """, r => r.GetInt64(0), cancellationToken, ("id", importId.ToString()));
        return rows[0];
    }

    /// <summary>The commitments of a member in ActionPlans: rows and distinct ids (a second run would fail on the key, never add).</summary>
    public async Task<(long Rows, long Versions)> CommitmentsAsync(string member, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("actionplans", """
            SELECT (SELECT COUNT(*) FROM "Commitments" WHERE "MemberCode" = @member),
                   (SELECT COUNT(*) FROM "CommitmentVersions" v JOIN "Commitments" c ON c."Id" = v."CommitmentId" WHERE c."MemberCode" = @member)
            """, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken, ("member", member));
        return rows[0];
    }

    /// <summary>Runs <paramref name="sql"/> on one service's database and reads every row with <paramref name="row"/>.</summary>
    private async Task<List<T>> QueryAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(system.PostgresConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}

/// <summary>One step of a member's assessment history; <see cref="Components"/> counts its scored components.</summary>
internal sealed record HistoryVersion(string MemberCode, int Version, string? PreviousCategory, string Category, int Components)
{
    /// <summary>
    /// Whether Engagement announced this step with an <c>EngagementAssessed</c> (EngagementAssessor: a member first seen
    /// with nothing to assess is stored, not announced).
    /// </summary>
    public bool Announced => PreviousCategory is not null || Category is not ("not-enough-data" or "no-signal-yet") || Components > 0;
}
