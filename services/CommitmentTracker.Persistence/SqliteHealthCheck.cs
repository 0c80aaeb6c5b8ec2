using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommitmentTracker.Persistence;

/// <summary>
/// <c>/health</c>'s check of a SQLite database: the file is there, opens and answers a query. EF's DbContext check
/// (which for SQLite looks whether the file exists) makes EF build the context's model first, and the first
/// <c>/health</c> after a start waited for the five models (issue 21: start-up); this check needs none.
/// </summary>
internal sealed class SqliteHealthCheck(string connectionString) : IHealthCheck
{
    private readonly string? file = SqliteFile.PathOf(connectionString);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (file is not null && !File.Exists(file))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database file does not exist.");
        }

        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SqliteException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be read.", exception);
        }
    }
}
