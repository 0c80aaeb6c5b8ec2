using System.Globalization;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Ocds;

/// <summary>
/// Registry country names → member codes: the maintained table shipped with the service (country-names.json), the
/// names added in settings (<c>Engagement:Ocds:CountryAliases</c>), and the names of members Engagement knows from
/// action plan events. A name found in none of them is unmapped and reported; nothing is guessed.
/// </summary>
internal sealed class CountryNames
{
    private readonly Dictionary<string, string> table = new(StringComparer.Ordinal);

    public CountryNames(IOptions<EngagementOptions> options)
    {
        using var stream = typeof(CountryNames).Assembly.GetManifestResourceStream("CommitmentTracker.Engagement.Ocds.country-names.json")
                           ?? throw new InvalidOperationException("The country name table is not embedded in the assembly.");
        using var document = JsonDocument.Parse(stream);
        foreach (var member in document.RootElement.GetProperty("members").EnumerateObject())
        {
            foreach (var name in member.Value.EnumerateArray())
            {
                table[Key(name.GetString()!)] = member.Name;
            }
        }

        foreach (var (name, code) in options.Value.Ocds.CountryAliases)
        {
            table[Key(name)] = MemberCodes.Normalize(code);
        }
    }

    /// <summary>A resolver for one import: the table plus the names of the members known now.</summary>
    public async Task<Func<string, string?>> ResolverAsync(EngagementDb db, CancellationToken cancellationToken)
    {
        var known = await db.Members.AsNoTracking().Select(m => new { m.Code, m.Name }).ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(table, StringComparer.Ordinal);
        foreach (var member in known)
        {
            names.TryAdd(Key(member.Name), member.Code);
        }

        return country => names.GetValueOrDefault(Key(country));
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
