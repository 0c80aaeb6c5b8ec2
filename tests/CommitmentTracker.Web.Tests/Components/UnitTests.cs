using System.Text.RegularExpressions;
using System.Xml.Linq;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using CommitmentTracker.Web.Components.Pages;
using CommitmentTracker.Web.Components;
using CommitmentTracker.Web.Review;
using CommitmentTracker.Web.Session;

namespace CommitmentTracker.Web.Tests.Components;

/// <summary>The workspace's rules that need no server: where sign-in may send a person back to, the countries' join and filters, the resources.</summary>
public sealed partial class UnitTests
{
    private static readonly string WebProject = Path.Combine(Repository.Root, "services", "CommitmentTracker.Web");

    [Theory]
    [InlineData("/countries/GBR?x=1", "/countries/GBR?x=1")]
    [InlineData("/", "/")]
    [InlineData(null, "/countries")]
    [InlineData("", "/countries")]
    [InlineData("https://evil.example/", "/countries")]
    [InlineData("//evil.example/", "/countries")]
    [InlineData("/\\evil.example/", "/countries")]
    [InlineData("javascript:alert(1)", "/countries")]
    [InlineData("/signin?returnUrl=/signin", "/countries")]
    public void Sign_in_sends_back_to_local_paths_only(string? returnUrl, string expected) =>
        Assert.Equal(expected, WebSession.LocalReturnUrl(returnUrl));

    [Fact]
    public void Countries_join_members_with_their_assessment_and_unassessed_members_have_not_enough_data()
    {
        var rows = CountryRow.Join(
            [new MemberResponse("GBR", "United Kingdom", 5, "Europe", "National"), new MemberResponse("GBSC", "Scotland", 2, "Europe", "Legacy Local"), new MemberResponse("XKX", "Kosovo", 1, "Europe", "Other")],
            [new EngagementMemberResponse("GBR", "United Kingdom", 5, "AP_GBR05", DateTimeOffset.UnixEpoch) { Category = "c", Score = 72.5, Warnings = ["stale"], AssessedAt = DateTimeOffset.UnixEpoch },
             new EngagementMemberResponse("MDA", "Moldova", 4, "AP_MDA04", DateTimeOffset.UnixEpoch) { Region = "Europe", Category = "b", AssessedAt = DateTimeOffset.UnixEpoch }]);

        Assert.Equal(["Kosovo", "Moldova", "Scotland", "United Kingdom"], rows.Select(r => r.Name));
        var britain = rows.Single(r => r.Code == "GBR");
        Assert.Equal(("c", 72.5, 1, "AP_GBR05", CountryRow.National), (britain.Category, britain.Score, britain.Dips.Count, britain.LatestActionPlanId, britain.Level));
        Assert.Equal(("not-enough-data", false, CountryRow.Local), (rows.Single(r => r.Code == "GBSC").Category, rows.Single(r => r.Code == "GBSC").Assessed, rows.Single(r => r.Code == "GBSC").Level));
        Assert.Null(rows.Single(r => r.Code == "XKX").Level);
        Assert.Equal("b", rows.Single(r => r.Code == "MDA").Category); // known to Engagement before ActionPlans lists it

        Assert.Equal(["GBR"], new CountryFilter(null, null, CountryFilter.WithDips, null, null).Apply(rows).Select(r => r.Code));
        Assert.Equal(["GBSC"], new CountryFilter("europe", null, null, CountryRow.Local, null).Apply(rows).Select(r => r.Code));
        Assert.Equal(["GBSC"], new CountryFilter(null, null, null, null, "scot").Apply(rows).Select(r => r.Code));
        Assert.Equal(["XKX"], new CountryFilter(null, null, null, null, "xkx").Apply(rows).Select(r => r.Code));
        Assert.Equal(["Kosovo", "Scotland"], new CountryFilter(null, "not-enough-data", null, null, null).Apply(rows).Select(r => r.Name));
    }

    [Fact]
    public void The_review_filters_keep_the_APIs_order_and_narrow_by_region_confidence_and_whose_approval_is_missing()
    {
        static TagSuggestionResponse Suggestion(string id, string member, double confidence, string status, params string[] approvedBy) =>
            new(Guid.NewGuid(), id, member, id, "open-contracting", confidence, status, [], approvedBy, DateTimeOffset.UnixEpoch, null, 1);
        TagSuggestionResponse[] queue =
        [
            Suggestion("KG0009", "KGZ", 0.98, "proposed", "OGP"),
            Suggestion("GT0106", "GTM", 0.96, "pending"),
            Suggestion("RO0018", "ROU", 0.895, "proposed", "OCP"),
            Suggestion("MW0010", "MWI", 0.8, "pending"),
        ];
        var regions = new Dictionary<string, string?> { ["KGZ"] = "Asia and the Pacific", ["GTM"] = "Americas", ["ROU"] = "Europe", ["MWI"] = null };

        Assert.Equal(["KG0009", "GT0106", "RO0018", "MW0010"], new ReviewFilter(null, null, null).Apply(queue, regions).Select(s => s.CommitmentId));
        Assert.Equal(["GT0106"], new ReviewFilter("americas", null, null).Apply(queue, regions).Select(s => s.CommitmentId));
        Assert.Equal(["KG0009", "GT0106", "RO0018"], new ReviewFilter(null, 90, null).Apply(queue, regions).Select(s => s.CommitmentId)); // 89.5 % shows as 90 %
        Assert.Equal(["GT0106", "RO0018", "MW0010"], new ReviewFilter(null, null, "OGP").Apply(queue, regions).Select(s => s.CommitmentId));
        Assert.Equal(["KG0009", "GT0106", "MW0010"], new ReviewFilter(null, null, "OCP").Apply(queue, regions).Select(s => s.CommitmentId));
        Assert.Equal(["OCP"], ReviewQueue.WaitingFor(queue[0]));
        Assert.Equal("\"3\"", ReviewQueue.IfMatch(3));
    }

    [Theory]
    [InlineData("The ministry will publish contracts.", "Contracts", "publish contracts.", true, false)]
    [InlineData("aaaa bbbb cccc dddd eeee ffff gggg", "dddd", "cccc dddd eeee", true, true)]
    [InlineData("aaaa bbbb cccc dddd eeee ffff gggg", "AAAA", "aaaa bbbb", false, true)]
    [InlineData("aaaa bbbb cccc dddd", "zzzz", "aaaa bbbb", false, true)]
    public void An_excerpt_shows_the_first_matched_words_in_context_cut_at_word_boundaries(string text, string phrase, string expected, bool cutBefore, bool cutAfter)
    {
        var excerpt = Highlighter.Around(text, [phrase], radius: 5);

        Assert.Equal(new Excerpt(expected, cutBefore, cutAfter), excerpt);
    }

    [Fact]
    public void Every_label_is_a_resource_in_english_spanish_and_french()
    {
        var english = Keys("Text.resx");
        var spanish = Keys("Text.es.resx");
        var french = Keys("Text.fr.resx");

        Assert.Equal(english.Keys.Order(), spanish.Keys.Order());
        Assert.Equal(english.Keys.Order(), french.Keys.Order());
        Assert.All(english.Keys, key => Assert.False(string.IsNullOrWhiteSpace(spanish[key]) || string.IsNullOrWhiteSpace(french[key]), key));
        // The same placeholders in every language.
        Assert.All(english, entry => Assert.Equal(Placeholders(entry.Value), Placeholders(spanish[entry.Key])));
        Assert.All(english, entry => Assert.Equal(Placeholders(entry.Value), Placeholders(french[entry.Key])));

        // Every key a page asks for by name exists.
        var used = Directory.EnumerateFiles(Path.Combine(WebProject, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => LocalizerKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        Assert.DoesNotContain(used, key => !english.ContainsKey(key));
    }

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.Ordinal);

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"L\[""([A-Za-z][A-Za-z.-]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
