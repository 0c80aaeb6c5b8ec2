using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>POST /api/tag-rules/preview: what a rule would match on the stored commitments, through the engine, storing nothing.</summary>
public sealed class RulePreviewTests : IDisposable
{
    private readonly TaggingFactory factory = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_rule_shows_how_many_commitments_it_matches_and_the_first_ones_with_their_words_and_nothing_is_stored()
    {
        var admin = factory.CreateAdminClient();
        await factory.AddCommitmentAsync("GB0101", "Hospital waiting lists", "Publish waiting times of every hospital.");
        await factory.AddCommitmentAsync("GB0102", "Open budget data", "Publish the budget as open data.");
        await factory.AddCommitmentAsync("GB0103", "Hospitals buy together", "Joint purchasing of medicines.");
        await factory.AddCommitmentAsync("GB0104", "Hospitality licences", "Licences for hotels.");
        var rulesBefore = await admin.GetAsync("/api/tag-rules", Ct).OkAsync<List<TagRuleResponse>>();
        var suggestionsBefore = await factory.QueryAsync(db => Task.FromResult(db.Suggestions.Count()));

        var preview = await admin.PostAsJsonAsync("/api/tag-rules/preview?limit=1", new TagRuleRequest(null, "sector-health", "phrase", "en", ["hospital", "hospitals"], 0.6, null), Ct)
            .OkAsync<TagRulePreviewResponse>();

        Assert.Equal(("unsaved-rule", "sector-health", "phrase", 4, 2), (preview.Rule, preview.Tag, preview.Kind, preview.Examined, preview.Matched));
        var first = Assert.Single(preview.Commitments);
        Assert.Equal(("GB0101", "GBR", "Hospital waiting lists", 2), (first.CommitmentId, first.MemberCode, first.Title, first.Matches));
        Assert.Contains(first.Evidence, e => e is { Rule: "unsaved-rule", Field: "title", MatchedText: "Hospital", Part: "title" });
        Assert.Equal(["GB0101", "GB0103", "GB0104"], (await admin.PostAsJsonAsync("/api/tag-rules/preview", new TagRuleRequest("health-hospitals", "sector-health", "phrase", "en", ["hospital*"], 0.6, false), Ct)
            .OkAsync<TagRulePreviewResponse>()).Commitments.Select(c => c.CommitmentId));
        Assert.Equal(rulesBefore.Select(r => (r.Id, r.Version)), (await admin.GetAsync("/api/tag-rules", Ct).OkAsync<List<TagRuleResponse>>()).Select(r => (r.Id, r.Version)));
        Assert.Equal(suggestionsBefore, await factory.QueryAsync(db => Task.FromResult(db.Suggestions.Count())));
    }

    [Fact]
    public async Task An_existing_rule_is_previewed_with_the_changes_asked_for_and_the_rest_as_stored()
    {
        var admin = factory.CreateAdminClient();
        await factory.AddCommitmentAsync("GB0201", "Procurement reform", "We will reform the public procurement law.");
        await factory.AddCommitmentAsync("GB0202", "Hospital procurement", "Hospitals buy beds through procurement.");

        var stored = await admin.PostAsJsonAsync("/api/tag-rules/preview", new TagRuleRequest("en-procurement", null, null, null, null, null, null), Ct).OkAsync<TagRulePreviewResponse>();
        var withoutRequires = await admin.PostAsJsonAsync("/api/tag-rules/preview", new TagRuleRequest("en-procurement", null, null, null, null, null, null) { Requires = [] }, Ct)
            .OkAsync<TagRulePreviewResponse>();

        Assert.Equal(["GB0201"], stored.Commitments.Select(c => c.CommitmentId));
        Assert.Equal(["GB0201", "GB0202"], withoutRequires.Commitments.Select(c => c.CommitmentId));
        Assert.Equal(("en-procurement", "public-procurement"), (withoutRequires.Rule, withoutRequires.Tag));
        Assert.Contains("reform*", (await admin.GetAsync("/api/tag-rules", Ct).OkAsync<List<TagRuleResponse>>()).Single(r => r.Id == "en-procurement").Requires);
    }

    [Fact]
    public async Task A_rule_that_could_not_be_saved_is_a_400_naming_each_field_and_so_is_a_bad_limit()
    {
        var admin = factory.CreateAdminClient();

        var invalid = await admin.PostAsJsonAsync("/api/tag-rules/preview?limit=101", new TagRuleRequest("Bad Id", "no-such-tag", "regex", null, [], 2, null) { Window = 99 }, Ct);
        var problem = await admin.PostAsJsonAsync("/api/tag-rules/preview", new TagRuleRequest(null, "sector-health", "phrase", null, [" "], 0.5, null), Ct).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["confidence", "id", "kind", "limit", "phrases", "tag", "window"], await ProblemAssert.ValidationErrorsAsync(invalid));
        Assert.Equal("The rule is not valid.", problem.Title);
        await admin.PostAsJsonAsync("/api/tag-rules/preview?limit=0", new TagRuleRequest(null, "sector-health", "phrase", null, ["x"], 0.5, null), Ct).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("reader", null)]
    [InlineData("liaison", "OGP")]
    [InlineData("liaison", "OCP")]
    [InlineData("country-lead", null)]
    public async Task Only_admins_preview_rules(string role, string? organisation)
    {
        var request = new TagRuleRequest(null, "sector-health", "phrase", null, ["hospital"], 0.5, null);

        await factory.As(role, organisation, role == "country-lead" ? ["GBR"] : null).PostAsJsonAsync("/api/tag-rules/preview", request, Ct).ProblemAsync(HttpStatusCode.Forbidden);
        await factory.CreateClient().PostAsJsonAsync("/api/tag-rules/preview", request, Ct).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    public void Dispose() => factory.Dispose();
}
