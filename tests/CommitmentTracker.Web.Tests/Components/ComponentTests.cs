using System.Globalization;
using Bunit;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Components;
using CommitmentTracker.Web.Components.Parts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Web.Tests.Components;

/// <summary>The workspace's parts rendered alone with bUnit, in the three languages.</summary>
public sealed class ComponentTests : IDisposable
{
    private static readonly string[] Coordinates = ["x", "y", "width", "height"];
    private readonly BunitContext context = new();
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    public ComponentTests() => context.Services.AddLocalization(options => options.ResourcesPath = "Resources");

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        context.Dispose();
    }

    [Fact]
    public void The_histogram_counts_scores_per_band_with_svg_coordinates_written_the_same_in_every_culture()
    {
        UseCulture("fr");

        var chart = context.Render<ScoreHistogram>(p => p.Add(c => c.Scores, [0, 9.9, 10, 55.5, 100, 99.9]));

        var rows = chart.FindAll("details tbody tr").Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector("td")!.TextContent)).ToList();
        Assert.Equal(("0–9", "2"), rows[0]);
        Assert.Equal(("10–19", "1"), rows[1]);
        Assert.Equal(("50–59", "1"), rows[5]);
        Assert.Equal(("90–100", "2"), rows[9]);
        Assert.All(chart.FindAll("svg rect, svg text"), element =>
            Assert.All(Coordinates.Select(element.GetAttribute).OfType<string>(), value => Assert.DoesNotContain(",", value, StringComparison.Ordinal)));
        Assert.Equal("Répartition des scores d'engagement", chart.Find("figcaption").TextContent);
        Assert.Contains("0–9 : 2", chart.Find("svg desc").TextContent.Replace(": ", " : ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Categories_by_region_stack_per_category_and_the_table_holds_the_same_figures()
    {
        UseCulture("en");
        (string?, string)[] members = [("Europe", "a"), ("Europe", "c"), ("Europe", "c"), ("Americas", "b"), (null, "not-enough-data")];

        var chart = context.Render<CategoryByRegionChart>(p => p.Add(c => c.Members, members));

        var europe = chart.FindAll("details tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Europe");
        Assert.Equal(["1", "0", "2", "0", "0", "3"], europe.QuerySelectorAll("td").Select(c => c.TextContent)); // a, b, c, not enough data, no signal yet, total
        Assert.Equal(["fill-a", "fill-c"], chart.FindAll("svg.chart-svg rect[class^=fill-]").Where(r => r.QuerySelector("title")!.TextContent.StartsWith("Europe", StringComparison.Ordinal)).Select(r => r.GetAttribute("class")));
        Assert.Contains(chart.FindAll("details tbody th"), th => th.TextContent == "No region");
        Assert.Equal("img", chart.Find("svg.chart-svg").GetAttribute("role"));
        Assert.Contains("Europe: 1 (a) Ready for more ambition, 2 (c) Might include open contracting", chart.Find("svg desc").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_history_chart_draws_one_point_per_assessment_in_time_order()
    {
        UseCulture("es");
        var start = new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero);
        EngagementHistoryEntryResponse Entry(int version, double score, string category, int days) =>
            new(version, null, category, score, [], "why", false, [], "test", start.AddDays(days));

        var chart = context.Render<ScoreHistoryChart>(p => p.Add(c => c.History, [Entry(2, 80, "a", 30), Entry(1, 40, "c", 0)]));

        var points = chart.FindAll("svg circle");
        Assert.Equal(["fill-c", "fill-a"], points.Select(p => p.GetAttribute("class")));
        Assert.True(double.Parse(points[0].GetAttribute("cx")!, CultureInfo.InvariantCulture) < double.Parse(points[1].GetAttribute("cx")!, CultureInfo.InvariantCulture));
        Assert.True(double.Parse(points[0].GetAttribute("cy")!, CultureInfo.InvariantCulture) > double.Parse(points[1].GetAttribute("cy")!, CultureInfo.InvariantCulture)); // 40 sits lower than 80
        Assert.NotNull(chart.Find("svg polyline"));
        Assert.Contains("80", chart.Find("svg desc").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NA", "Not applicable")]
    [InlineData("ND", "No data under that methodology")]
    [InlineData("NR", "Not yet reviewed")]
    public void Sheet_states_are_spelled_out_never_blank(string state, string meaning)
    {
        UseCulture("en");

        var cell = context.Render<SheetValueText>(p => p.Add(c => c.Value, new SheetValue(state, state)));

        Assert.Equal(state, cell.Find("abbr").TextContent);
        Assert.Equal(meaning, cell.Find("abbr").GetAttribute("title"));
        Assert.Equal(meaning, cell.Find(".state").TextContent);
    }

    [Fact]
    public void A_sheet_value_is_shown_as_written_and_an_empty_cell_says_so()
    {
        UseCulture("fr");

        var value = context.Render<SheetValueText>(p => p.Add(c => c.Value, new SheetValue("Substantial", "value")));
        var empty = context.Render<SheetValueText>(p => p.Add(c => c.Value, new SheetValue(null, "empty")));

        Assert.Equal("Substantial", value.Markup.Trim()[6..^7]);
        Assert.Equal("Vide", empty.Find(".muted").TextContent);
    }

    [Theory]
    [InlineData("31/12/2016", "2016-12-31", "day", "en", "Saturday, 31 December 2016|Saturday, December 31, 2016")]
    [InlineData("April 2012", "2012-04-01", "month", "es", "abril 2012|abril de 2012")]
    [InlineData("Quarter 1 2019", "2019-01-01", "quarter", "fr", "trimestre 1 de 2019")]
    [InlineData("2020", "2020-01-01", "year", "en", "2020")]
    public void A_date_is_shown_as_written_and_as_read_to_its_precision(string raw, string iso, string precision, string language, string expected)
    {
        UseCulture(language);

        var date = context.Render<SheetDateText>(p => p.Add(c => c.Value, new SheetDate(raw, DateOnly.Parse(iso, CultureInfo.InvariantCulture), precision)));

        Assert.Equal(raw, date.Find("q").TextContent);
        Assert.Equal(iso, date.Find("time").GetAttribute("datetime"));
        Assert.Contains(date.Find("time").TextContent, expected.Split('|'));
    }

    [Fact]
    public void A_cell_that_is_no_date_says_so()
    {
        UseCulture("en");

        var date = context.Render<SheetDateText>(p => p.Add(c => c.Value, new SheetDate("NA", null, null)));

        Assert.Equal("NA", date.Find("q").TextContent);
        Assert.Equal("Not read as a date", date.Find(".as-read").TextContent);
    }

    [Fact]
    public void Marked_text_keeps_the_text_as_written_and_marks_each_match_once()
    {
        UseCulture("en");

        var text = context.Render<Marked>(p => p
            .Add(c => c.Text, "Introducing e-procurement and Procurement reform; contratación pública")
            .Add(c => c.Matches, [("e-procurement", "e-procurement"), ("procurement", "public-procurement"), ("contratacion publica", "public-procurement")]));

        var marks = text.FindAll("mark").Select(m => (m.TextContent, m.GetAttribute("title"))).ToList();
        Assert.Equal(("e-procurement", "words behind the suggestion: e-procurement, public-procurement"), marks[0]);
        Assert.Equal(("Procurement", "words behind the suggestion: public-procurement"), marks[1]);
        Assert.Equal(("contratación pública", "words behind the suggestion: public-procurement"), marks[2]);
        Assert.Equal("Introducing e-procurement and Procurement reform; contratación pública", string.Concat(text.Nodes.Where(n => n is not AngleSharp.Dom.IElement { ClassName: "visually-hidden" }).Select(n => n.TextContent)));
    }

    [Fact]
    public void The_pager_links_keep_the_filters_and_say_where_the_person_is()
    {
        UseCulture("en");
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/countries?region=Europe&page=2&pageSize=5");

        var pager = context.Render<Pager>(p => p.Add(c => c.Page, 2).Add(c => c.PageSize, 5).Add(c => c.Total, 12));

        Assert.Equal("Showing 6–10 of 12", pager.Find(".pager-status").TextContent);
        Assert.Equal("Page 2 of 3", pager.Find("[aria-current=page]").TextContent);
        Assert.Equal("http://localhost/countries?region=Europe&page=1&pageSize=5", pager.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("http://localhost/countries?region=Europe&page=3&pageSize=5", pager.Find("a[rel=next]").GetAttribute("href"));
    }

    [Fact]
    public void The_category_badge_names_the_category_in_the_persons_language()
    {
        UseCulture("es");

        var badge = context.Render<CategoryLabel>(p => p.Add(c => c.Category, "b"));

        Assert.Equal("(b) Enfrentó problemas", badge.Find(".badge").TextContent);
        Assert.Contains("cat-b", badge.Find(".badge").ClassList);
    }

    private static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }
}
