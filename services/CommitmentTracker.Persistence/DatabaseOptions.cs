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
}

/// <summary>Names the connection string a service needs, so a missing one stops the process with the setting's name.</summary>
internal sealed class ConnectionStringValidator(string connectionName, Func<string?> read) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(read())
            ? ValidateOptionsResult.Fail($"Setting 'ConnectionStrings:{connectionName}' (env ConnectionStrings__{connectionName}) is required for the {options.Provider} provider.")
            : ValidateOptionsResult.Success;
}
