using System.Globalization;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Member codes by name, for the Explorer CSV (which names countries, not codes): the names OGP's sheet gave each
/// member first, then the English and native country names .NET knows (ISO 3166 alpha-3).
/// </summary>
internal sealed class MemberNames
{
    private static readonly Lazy<Dictionary<string, string>> CountryNames = new(LoadCountryNames);
    private readonly Dictionary<string, string> known;

    public MemberNames(IEnumerable<(string Code, string Name)> members)
    {
        known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name) in members)
        {
            known.TryAdd(name.Trim(), code);
        }
    }

    public string? CodeOf(string name) =>
        known.TryGetValue(name.Trim(), out var code) || CountryNames.Value.TryGetValue(name.Trim(), out code) ? code : null;

    private static Dictionary<string, string> LoadCountryNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (region.ThreeLetterISORegionName.Length == 3)
            {
                names.TryAdd(region.EnglishName, region.ThreeLetterISORegionName);
                names.TryAdd(region.NativeName, region.ThreeLetterISORegionName);
            }
        }

        return names;
    }
}
