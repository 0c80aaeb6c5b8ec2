namespace CommitmentTracker.ServiceDefaults;

public static class UtcTimes
{
    /// <summary>A stored time as UTC: every service stores UTC, whatever kind the database provider reads back (SQLite: unspecified).</summary>
    public static DateTimeOffset AsUtc(this DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? AsUtc(this DateTime? value) => value is { } time ? time.AsUtc() : null;
}
