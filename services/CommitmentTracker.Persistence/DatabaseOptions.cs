using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>Settings under <c>Database</c>; connection strings live under <c>ConnectionStrings:&lt;Service&gt;</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending EF Core migrations when the process starts.</summary>
    public bool MigrateAtStart { get; set; }

    /// <summary>
    /// How long the start waits for a database that cannot be reached (not up yet, restarting, too busy to accept a
    /// connection within its timeout) before giving up: instances started together on a busy server would otherwise stop.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Names the connection string a service needs, so a missing one stops the process with the setting's name.</summary>
internal sealed class ConnectionStringValidator(string connectionName, Func<string?> read) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(read())
            ? ValidateOptionsResult.Fail($"Setting 'ConnectionStrings:{connectionName}' (env ConnectionStrings__{connectionName}) is required for the {options.Provider} provider.")
            : ValidateOptionsResult.Success;
}
