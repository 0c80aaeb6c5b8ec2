using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommitmentTracker.Persistence;

/// <summary>
/// What every PostgreSQL context applies in <c>ConfigureConventions</c>. Times are <c>timestamp with time zone</c>
/// holding UTC, as on the other providers; Npgsql refuses a <see cref="DateTime"/> whose kind is not UTC for that
/// type, so a time of unspecified kind (read back from elsewhere, built in a test) is taken as UTC and a local time is
/// converted, and times read back carry the UTC kind.
/// </summary>
public static class PostgresConventions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => AsUtc(value),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
    {
        private static DateTime AsUtc(DateTime value) => value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
    }
}
