using System.Text.RegularExpressions;
using CommitmentTracker.Tagging.Suggestions;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// Headings are searched only where one can start, each pattern anchored there (<see cref="TextParts.FindHeadings"/>);
/// the cuts must be exactly those the same patterns give when scanned over every position.
/// </summary>
public sealed class HeadingSearchTests
{
    private static readonly Regex[] Unanchored = [.. TextParts.HeadingPatterns.Select(h => new Regex(h.Pattern, RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant))];

    /// <summary>The cuts as every position's scan finds them, overlaps resolved as <see cref="TextParts.FindHeadings"/> resolves them.</summary>
    private static List<(int Start, string Part, int Length)> ScanEveryPosition(string text)
    {
        var found = TextParts.HeadingPatterns.SelectMany((h, i) => Unanchored[i].Matches(text).Select(m => (Start: m.Index, End: m.Index + m.Length, h.Part, h.Length))).ToList();
        var cuts = new List<(int Start, string Part, int Length)>();
        var lastEnd = -1;
        foreach (var heading in found.OrderBy(h => h.Start).ThenByDescending(h => h.End))
        {
            if (heading.Start >= lastEnd)
            {
                cuts.Add((heading.Start, heading.Part, heading.Length));
                lastEnd = heading.End;
            }
        }

        return cuts;
    }

    [Fact]
    public void The_real_sample_is_cut_where_scanning_every_position_cuts_it()
    {
        var texts = SampleSheet.Rows.Select(r => r.FullText ?? string.Empty).Where(t => t.Length > 0).ToList();
        var differ = texts.Where(t => !TextParts.FindHeadings(t).SequenceEqual(ScanEveryPosition(t))).Select(t => t[..Math.Min(120, t.Length)]).ToList();

        Assert.True(differ.Count == 0, string.Join("\n---\n", differ));
        Assert.True(texts.Sum(t => TextParts.FindHeadings(t).Count) > texts.Count, "the sample's texts should hold headings to compare");
    }

    [Theory]
    [InlineData("Objective: open data. Milestones: publish by June 2025")]
    [InlineData("1. Main objective\n2) Lead institution: Ministry of Finance\n• Activities: training")]
    [InlineData("Problem? Procurement is opaque.\tTimeline | start date: 2024")]
    [InlineData("Axis 2: Transparency\nObjetivo general: publicar datos; hitos: marzo 2025")]
    [InlineData("objective:objective:objective")]
    [InlineData("no heading here at all.")]
    [InlineData("")]
    [InlineData("ends with a dot.")]
    [InlineData("Описание обязательства: открытые данные. Этапы реализации: 2024")]
    public void Edge_cases_are_cut_where_scanning_every_position_cuts_them(string text) =>
        Assert.Equal(ScanEveryPosition(text), TextParts.FindHeadings(text));
}
