using CommitmentTracker.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommitmentTracker.Platform.Tests;

/// <summary>/health's SQLite check (no EF model needed): healthy only for a database file that opens and answers.</summary>
public sealed class SqliteHealthCheckTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-sqlite-health-");

    [Fact]
    public async Task A_database_that_answers_is_healthy()
    {
        var file = Path.Combine(folder.FullName, "ok.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (id INTEGER)";
            await command.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(file)).Status);
    }

    [Fact]
    public async Task A_missing_file_is_unhealthy_and_not_created()
    {
        var file = Path.Combine(folder.FullName, "missing.db");

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(file)).Status);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_unhealthy()
    {
        var file = Path.Combine(folder.FullName, "garbage.db");
        await File.WriteAllTextAsync(file, new string('x', 4096), Ct);

        var result = await CheckAsync(file);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.NotNull(result.Exception);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static Task<HealthCheckResult> CheckAsync(string file)
    {
        var check = new SqliteHealthCheck($"Data Source={file}");
        var registration = new HealthCheckRegistration("test-database", check, HealthStatus.Unhealthy, ["ready"]);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
