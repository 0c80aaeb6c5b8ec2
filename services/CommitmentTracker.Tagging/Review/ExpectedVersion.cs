using System.Globalization;

namespace CommitmentTracker.Tagging.Review;

/// <summary>The version of a suggestion a reviewer read, as sent in <c>If-Match</c>: <c>"3"</c>, <c>W/"3"</c> or <c>3</c>.</summary>
internal static class ExpectedVersion
{
    /// <summary>False when <paramref name="ifMatch"/> is not a version; an absent (blank) header expects none.</summary>
    public static bool TryParse(string? ifMatch, out int? version)
    {
        version = null;
        var value = ifMatch?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(value.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }
}
