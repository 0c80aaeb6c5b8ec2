using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.Web.Components.Pages;

/// <summary>A member as the countries page lists it: ActionPlans' member joined with Engagement's current assessment.</summary>
internal sealed record CountryRow(
    string Code,
    string Name,
    string? Region,
    string? Kind,
    string Category,
    double Score,
    IReadOnlyList<string> Dips,
    string? LatestActionPlanId,
    bool Assessed)
{
    public const string National = "national";
    public const string Local = "local";

    public static readonly IReadOnlyList<string> Categories =
        [EngagementCategory.ReadyForMore, EngagementCategory.FacedProblems, EngagementCategory.MightInclude, EngagementCategory.NotEnoughData, EngagementCategory.NoSignalYet];

    /// <summary>National, or local (the sheet's Local and Legacy Local); Other (e.g. Kosovo) is neither.</summary>
    public string? Level => Kind switch
    {
        null => null,
        _ when Kind.Equals("National", StringComparison.OrdinalIgnoreCase) => National,
        _ when Kind.EndsWith("Local", StringComparison.OrdinalIgnoreCase) => Local,
        _ => null,
    };

    /// <summary>Every member ActionPlans knows, with Engagement's assessment where there is one (an unassessed member has not enough data).</summary>
    public static List<CountryRow> Join(IEnumerable<MemberResponse> members, IEnumerable<EngagementMemberResponse> engagement)
    {
        var assessed = engagement.ToDictionary(e => e.MemberCode, StringComparer.OrdinalIgnoreCase);
        var rows = members.Select(member => assessed.Remove(member.Code, out var e)
                ? new CountryRow(member.Code, member.Name, member.Region ?? e.Region, member.Kind, e.Category, e.Score, e.Warnings, e.LatestActionPlanId, e.AssessedAt is not null)
                : new CountryRow(member.Code, member.Name, member.Region, member.Kind, EngagementCategory.NotEnoughData, 0, [], null, false))
            .ToList();
        // Members Engagement knows before ActionPlans lists them (events in flight) are shown all the same.
        rows.AddRange(assessed.Values.Select(e => new CountryRow(e.MemberCode, e.MemberName, e.Region, null, e.Category, e.Score, e.Warnings, e.LatestActionPlanId, e.AssessedAt is not null)));
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }
}

/// <summary>The countries page's filters, as the query string carries them.</summary>
internal sealed record CountryFilter(string? Region, string? Category, string? Dips, string? Level, string? Query)
{
    public const string WithDips = "with";
    public const string WithoutDips = "without";

    public IEnumerable<CountryRow> Apply(IEnumerable<CountryRow> rows)
    {
        if (Region is { Length: > 0 } region)
        {
            rows = rows.Where(r => string.Equals(r.Region, region, StringComparison.OrdinalIgnoreCase));
        }

        if (Category is { Length: > 0 } category)
        {
            rows = rows.Where(r => r.Category == category);
        }

        rows = Dips switch
        {
            WithDips => rows.Where(r => r.Dips.Count > 0),
            WithoutDips => rows.Where(r => r.Dips.Count == 0),
            _ => rows,
        };
        if (Level is CountryRow.National or CountryRow.Local)
        {
            rows = rows.Where(r => r.Level == Level);
        }

        if (Query?.Trim() is { Length: > 0 } words)
        {
            var compare = System.Globalization.CultureInfo.CurrentCulture.CompareInfo;
            const System.Globalization.CompareOptions loose = System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace;
            rows = rows.Where(r => compare.IndexOf(r.Name, words, loose) >= 0 || r.Code.Equals(words, StringComparison.OrdinalIgnoreCase));
        }

        return rows;
    }
}
