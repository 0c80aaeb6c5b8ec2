using System.Globalization;
using CommitmentTracker.Platform.Tests.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Platform.Tests;

/// <summary>Every SQLite connection a service opens waits for the writer lock inside SQLite and syncs as WAL wants.</summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-sqlite-");

    [Theory]
    [InlineData("busy_timeout", 30000)]
    [InlineData("synchronous", 1)] // NORMAL
    [InlineData("journal_mode", null)]
    public async Task Service_connections_carry_the_settings(string pragma, int? expected)
    {
        await using var host = await OutboxTestHost.StartAsync(Path.Combine(folder.FullName, "widgets.db"));

        var value = await host.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
        });

        Assert.Equal(expected?.ToString(CultureInfo.InvariantCulture) ?? "wal", value);
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_keeps_the_settings_applied_once_per_native_connection()
    {
        await using var host = await OutboxTestHost.StartAsync(Path.Combine(folder.FullName, "widgets.db"));

        var values = new List<string?>();
        for (var open = 0; open < 3; open++)
        {
            if (open == 2)
            {
                // A new native connection (the pool emptied) is set up again.
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            values.Add(await host.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA busy_timeout;";
                var value = Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
                await db.Database.CloseConnectionAsync();
                return value;
            }));
        }

        Assert.Equal(["30000", "30000", "30000"], values);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
