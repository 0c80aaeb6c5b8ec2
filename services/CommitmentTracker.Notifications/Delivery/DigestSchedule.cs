namespace CommitmentTracker.Notifications.Delivery;

/// <summary>When a digest is due: at <c>hour</c>:00 local time in the subscriber's time zone, every day or on one weekday.</summary>
internal static class DigestSchedule
{
    /// <summary>The first digest time strictly after <paramref name="after"/>, in UTC.</summary>
    public static DateTime Next(DateTimeOffset after, string frequency, int hour, DayOfWeek? day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localNow = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var candidate = localNow.Date.AddHours(hour);
        for (var i = 0; i < 16; i++)
        {
            var onDay = frequency != Frequencies.Weekly || candidate.DayOfWeek == day;
            if (onDay && candidate > localNow)
            {
                // An hour skipped by a clock change happens an hour later that day.
                var local = zone.IsInvalidTime(candidate) ? candidate.AddHours(1) : candidate;
                var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
                if (utc > after.UtcDateTime)
                {
                    return utc;
                }
            }

            candidate = candidate.AddDays(1);
        }

        throw new InvalidOperationException("No digest time found within two weeks.");
    }

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
