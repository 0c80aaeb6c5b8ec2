using System.Text.RegularExpressions;
using CommitmentTracker.Tagging.Suggestions;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// Institution and theme names are blanked out of a commitment's text without a regular expression per commitment
/// (<see cref="TextParts.Mask"/>); the result must be exactly what one expression of the names, longest first, gives.
/// </summary>
public sealed class NameMaskTests
{
    /// <summary>The names as one regular expression, longest first, as the text was masked before.</summary>
    private static string OneExpression(string text, IReadOnlyCollection<string> names)
    {
        var present = names.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(words => text.Contains(words[0], StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(words => words.Sum(w => w.Length + 1))
            .Select(words => string.Join(@"\s+", words.Select(Regex.Escape)))
            .ToList();
        return text.Length == 0 || present.Count == 0
            ? text
            : Regex.Replace(text, string.Join('|', present), m => new string(' ', m.Length), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static List<string> NamesOf(SampleSheet.Row row) =>
        [.. TextParts.Names(row.LeadInstitution), .. TextParts.Names(row.SupportingInstitutions), .. row.Theme.Trim() is { Length: >= 8 } theme ? [theme] : Array.Empty<string>()];

    [Fact]
    public void Every_real_text_is_masked_with_every_rows_names_as_one_expression_masks_it()
    {
        var rows = SampleSheet.Rows;
        var masked = 0;
        var differ = new List<string>();
        foreach (var row in rows)
        {
            foreach (var names in rows.Select(NamesOf))
            {
                var expected = OneExpression(row.FullText, names);
                masked += expected == row.FullText ? 0 : 1;
                if (TextParts.Mask(row.FullText, names) != expected)
                {
                    differ.Add($"{row.Id} with {string.Join(" | ", names)}");
                }
            }
        }

        Assert.True(differ.Count == 0, string.Join("\n", differ));
        Assert.True(masked >= rows.Count, $"only {masked} of the pairs masked anything: too few to compare");
    }

    [Theory]
    [InlineData("The Ministry of Finance and the ministry   OF\nfinance again.", new[] { "Ministry of Finance" })]
    [InlineData("The Ministry of Finance Office leads.", new[] { "Ministry of Finance", "Finance Office leads", "Ministry of Finance Office" })]
    [InlineData("The Ministry of Finance Office leads.", new[] { "Finance Office leads", "Ministry of Finance" })]
    [InlineData("Agency Agency Agency Agency", new[] { "Agency Agency", "Agency Agency Agency" })]
    [InlineData("Ends with the Ministry of", new[] { "Ministry of Finance" })]
    [InlineData("The Ministry ofFinance is not two words apart.", new[] { "Ministry of Finance" })]
    [InlineData("Ministry (MoF) of Finance+Trade, then ministry (mof) of finance+trade.", new[] { "Ministry (MoF) of Finance+Trade" })]
    [InlineData("Named twice: National Audit Office, national audit office.", new[] { "National Audit Office", "NATIONAL AUDIT OFFICE" })]
    [InlineData("Агентство по закупкам и агентство ПО закупкам.", new[] { "Агентство по закупкам" })]
    [InlineData("Secretaría de la Función Pública; SECRETARÍA DE LA FUNCIÓN PÚBLICA", new[] { "Secretaría de la Función Pública" })]
    [InlineData("", new[] { "Ministry of Finance" })]
    [InlineData("Nothing named here.", new string[0])]
    public void Edge_cases_are_masked_as_one_expression_masks_them(string text, string[] names) =>
        Assert.Equal(OneExpression(text, names), TextParts.Mask(text, names));
}
