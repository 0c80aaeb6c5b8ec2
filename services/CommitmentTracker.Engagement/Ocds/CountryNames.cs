using System.Globalization;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Ocds;

/// <summary>A registry country name, the member it maps to and where the mapping comes from (<see cref="CountryNames.FromTable"/>, ...).</summary>
internal sealed record MappedCountryName(string Name, string MemberCode, string Source);

/// <summary>
/// Registry country names → member codes: the maintained table shipped with the service (country-names.json), the
/// names added in settings (<c>Engagement:Ocds:CountryAliases</c>), the names admins add through the API, and the names
/// of members Engagement knows from action plan events. A name found in none of them is unmapped and reported; nothing
/// is guessed.
/// </summary>
internal sealed class CountryNames
{
    public const string FromTable = "table";
    public const string FromSetting = "setting";
    public const string FromAdmin = "admin";
    public const string FromMemberName = "member-name";

    // Key → (name as written, member code, source); settings override the table.
    private readonly Dictionary<string, (string Name, string Code, string Source)> table = new(StringComparer.Ordinal);

    public CountryNames(IOptions<EngagementOptions> options)
    {
        using var stream = typeof(CountryNames).Assembly.GetManifestResourceStream("CommitmentTracker.Engagement.Ocds.country-names.json")
                           ?? throw new InvalidOperationException("The country name table is not embedded in the assembly.");
        using var document = JsonDocument.Parse(stream);
        foreach (var member in document.RootElement.GetProperty("members").EnumerateObject())
        {
            foreach (var name in member.Value.EnumerateArray())
            {
                table[Key(name.GetString()!)] = (name.GetString()!, member.Name, FromTable);
            }
        }

        foreach (var (name, code) in options.Value.Ocds.CountryAliases)
        {
            table[Key(name)] = (name, MemberCodes.Normalize(code), FromSetting);
        }
    }

    /// <summary>Every mapped name: the table, the settings, and the names admins added (which win).</summary>
    public async Task<IReadOnlyList<MappedCountryName>> AllAsync(EngagementDb db, CancellationToken cancellationToken)
    {
        var names = table.ToDictionary(n => n.Key, n => new MappedCountryName(n.Value.Name, n.Value.Code, n.Value.Source), StringComparer.Ordinal);
        foreach (var alias in await db.CountryAliases.AsNoTracking().ToListAsync(cancellationToken))
        {
            names[alias.Key] = new MappedCountryName(alias.Name, alias.MemberCode, FromAdmin);
        }

        return [.. names.Values.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>A resolver for one import: the table, the settings, the admins' names (tracked ones included), then the names of the members known now.</summary>
    public async Task<Func<string, string?>> ResolverAsync(EngagementDb db, CancellationToken cancellationToken)
    {
        var names = table.ToDictionary(n => n.Key, n => n.Value.Code, StringComparer.Ordinal);
        await db.CountryAliases.LoadAsync(cancellationToken);
        foreach (var alias in db.CountryAliases.Local)
        {
            names[alias.Key] = alias.MemberCode;
        }

        foreach (var member in await db.Members.AsNoTracking().Select(m => new { m.Code, m.Name }).ToListAsync(cancellationToken))
        {
            names.TryAdd(Key(member.Name), member.Code);
        }

        return country => names.GetValueOrDefault(Key(country));
    }

    /// <summary>Where a name maps without the admins' names: the table or settings, else "member-name" when <paramref name="code"/> came from a known member's name.</summary>
    public string? SourceWithoutAdmin(string key, string? code) =>
        table.TryGetValue(key, out var entry) ? entry.Source : code is null ? null : FromMemberName;

    /// <summary>
    /// Points the stored publications whose country has <paramref name="key"/> at <paramref name="code"/> (none: unmapped);
    /// returns how many, and the members concerned before and after, to reassess.
    /// </summary>
    public static (int Count, SortedSet<string> Members) Remap(IEnumerable<OcdsPublication> publications, string key, string? code)
    {
        var affected = new SortedSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var publication in publications.Where(p => Key(p.Country) == key))
        {
            if (publication.MemberCode is { } previous)
            {
                affected.Add(previous);
            }

            if (code is not null)
            {
                affected.Add(code);
            }

            publication.MemberCode = code;
            count++;
        }

        return (count, affected);
    }

    /// <summary>Case, accents, punctuation, repeated spaces and a leading "the" do not distinguish names.</summary>
    internal static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        var key = builder.ToString().Trim();
        return key.StartsWith("the ", StringComparison.Ordinal) ? key[4..] : key;
    }
}
