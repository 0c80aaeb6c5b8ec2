using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>Admins manage the vocabulary (renaming and retiring keep history) and the rules (no redeploy).</summary>
public sealed class AdministrationTests : IDisposable
{
    private readonly TaggingFactory factory = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_contracting_needs_both_organisations_by_default_and_the_rest_one_liaison()
    {
        var tags = await factory.Reader().GetAsync("/api/tags", Ct).OkAsync<List<TagResponse>>();

        Assert.Equal(["open-contracting"], tags.Where(t => t.Confirmation == "both-organisations").Select(t => t.Id));
    }

    [Fact]
    public async Task Renaming_and_retiring_a_tag_keep_the_commitments_tags_and_history()
    {
        var admin = factory.CreateAdminClient();
        await factory.AddCommitmentAsync("JO0026", "Unified procurement bylaw");
        await factory.Ocp().PostAsJsonAsync("/api/commitments/JO0026/tags", new TagCommitmentRequest("public-procurement", "reform"), Ct).OkAsync<CommitmentTagResponse>(HttpStatusCode.Created);

        var renamed = await admin.PutAsJsonAsync("/api/tags/public-procurement", new UpdateTagRequest("Procurement reform", null, null, null, true), Ct).OkAsync<TagResponse>();

        Assert.Equal(("public-procurement", "Procurement reform", true), (renamed.Id, renamed.Label, renamed.Retired));
        Assert.DoesNotContain("public-procurement", (await factory.Reader().GetAsync("/api/tags", Ct).OkAsync<List<TagResponse>>()).Select(t => t.Id));
        var tags = await factory.Reader().GetAsync("/api/commitments/JO0026/tags", Ct).OkAsync<CommitmentTagsResponse>();
        Assert.Equal(("public-procurement", "Procurement reform"), (tags.Tags[0].Tag, tags.Tags[0].Label));
        var tagged = await factory.Reader().GetAsync("/api/tags/public-procurement/commitments", Ct).OkAsync<PagedResponse<TaggedCommitmentResponse>>();
        Assert.Equal(["JO0026"], tagged.Items.Select(c => c.CommitmentId));
        var history = await factory.Reader().GetAsync("/api/commitments/JO0026/tags/history", Ct).OkAsync<PagedResponse<TagAuditResponse>>();
        Assert.Contains(history.Items, e => e.Action == "tagged" && e.Tag == "public-procurement" && e.Reason == "reform");

        await factory.AddCommitmentAsync("JO0027", "Procurement bylaw, second part");
        Assert.DoesNotContain("public-procurement", (await factory.Reader().GetAsync("/api/tag-suggestions", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>()).Items.Select(s => s.Tag));
    }

    [Fact]
    public async Task An_admin_adds_a_tag_and_bad_tags_are_400()
    {
        var admin = factory.CreateAdminClient();

        var created = await admin.PostAsJsonAsync("/api/tags", new CreateTagRequest("oc-red-flags", "Red flags", "Integrity indicators on contracting data.", "open-contracting", "both-organisations"), Ct)
            .OkAsync<TagResponse>(HttpStatusCode.Created);

        Assert.Equal(("open-contracting", "both-organisations"), (created.ParentId, created.Confirmation));
        await admin.PostAsJsonAsync("/api/tags", new CreateTagRequest("oc-red-flags", "Again", "Again.", null, null), Ct).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["confirmation", "id", "label", "parentId"], await ProblemAssert.ValidationErrorsAsync(
            await admin.PostAsJsonAsync("/api/tags", new CreateTagRequest("Bad Id", " ", "d", "nope", "everyone"), Ct)));
        await admin.PutAsJsonAsync("/api/tags/nope", new UpdateTagRequest("x", null, null, null, null), Ct).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rules_are_listed_created_updated_and_disabled_and_apply_to_the_next_commitment()
    {
        var admin = factory.CreateAdminClient();
        var rules = await admin.GetAsync("/api/tag-rules", Ct).OkAsync<List<TagRuleResponse>>();
        Assert.Contains(rules, r => r.Id == "es-procurement" && r.Phrases.Contains("licitación*") && r.Language == "es");
        Assert.Contains(rules, r => r.Id == "ru-procurement" && r.Phrases.Contains("закупк*"));
        Assert.Contains(rules, r => r.Id == "en-procurement" && r.Requires.Contains("reform*") && r.Excludes.Contains("cameras") && r.Window == 6);
        Assert.Contains(rules, r => r.Id == "pp-flag-extractives" && r.Kind == "exclude" && r.Tag == "public-procurement");

        await admin.PostAsJsonAsync("/api/tag-rules", new TagRuleRequest("de-procurement", "public-procurement", "phrase", "de", ["öffentliche Auftragsvergabe", "Vergabe*"], 0.7, null), Ct)
            .OkAsync<TagRuleResponse>(HttpStatusCode.Created);
        await admin.PostAsync("/api/tag-rules/en-procurement/disable", null, Ct).OkAsync<TagRuleResponse>();
        var updated = await admin.PutAsJsonAsync("/api/tag-rules/e-procurement", new TagRuleRequest(null, null, null, null, null, 0.5, null) { Excludes = ["reform"] }, Ct)
            .OkAsync<TagRuleResponse>();
        Assert.Equal((0.5, 2), (updated.Confidence, updated.Version));
        Assert.Equal(["reform"], updated.Excludes);

        await factory.AddCommitmentAsync("DE0001", "Vergabeverfahren digitalisieren", "Procurement and e-procurement reform.", member: "DEU");

        var queue = await factory.Reader().GetAsync("/api/tag-suggestions?member=DEU&status=all", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();
        var procurement = queue.Items.Single(s => s.Tag == "public-procurement");
        Assert.Equal([new TagEvidence("de-procurement", "title", "Vergabeverfahren") { Part = "title" }], procurement.Evidence);
        // "reform" now stands within the rule's window of "e-procurement": the excluded context keeps it from being evidence.
        Assert.DoesNotContain(queue.Items, s => s.Tag == "e-procurement");
    }

    [Fact]
    public async Task Bad_rules_are_400_and_unknown_rules_404()
    {
        var admin = factory.CreateAdminClient();

        Assert.Equal(["confidence", "id", "kind", "phrases", "tag"], await ProblemAssert.ValidationErrorsAsync(
            await admin.PostAsJsonAsync("/api/tag-rules", new TagRuleRequest("Bad", "nope", "regex", null, ["*"], 2, null), Ct)));
        await admin.PostAsJsonAsync("/api/tag-rules", new TagRuleRequest("ocds", "oc-disclosure", "phrase", null, ["OCDS"], 0.9, null), Ct).ProblemAsync(HttpStatusCode.Conflict);
        await admin.PutAsJsonAsync("/api/tag-rules/nope", new TagRuleRequest(null, null, null, null, null, 0.5, null), Ct).ProblemAsync(HttpStatusCode.NotFound);
        await admin.PostAsync("/api/tag-rules/nope/disable", null, Ct).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Suggestions_below_the_minimum_confidence_are_not_stored()
    {
        using var strict = new TaggingFactory(new Dictionary<string, string?> { ["Tagging:MinimumConfidence"] = "0.5" });

        await strict.AddCommitmentAsync("XX0002", "Hospital procurement data", "Publish hospital procurement data.");

        var all = await strict.Reader().GetAsync("/api/tag-suggestions?status=all", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();
        Assert.Equal(["open-contracting"], all.Items.Select(s => s.Tag));
    }

    [Fact]
    public async Task Suggestions_below_the_queue_threshold_are_held_out_of_the_queue()
    {
        await factory.AddCommitmentAsync("XX0002", "Hospital procurement data", "Publish hospital procurement data.");
        using var lenient = new TaggingFactory(new Dictionary<string, string?> { ["Tagging:QueueThreshold"] = "0.1" });
        await lenient.AddCommitmentAsync("XX0002", "Hospital procurement data", "Publish hospital procurement data.");

        var queue = await factory.Reader().GetAsync("/api/tag-suggestions", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();
        var held = await factory.Reader().GetAsync("/api/tag-suggestions?status=held", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();
        var lenientQueue = await lenient.Reader().GetAsync("/api/tag-suggestions", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();

        Assert.Equal(["open-contracting"], queue.Items.Select(s => s.Tag));
        Assert.Equal(["public-procurement", "sector-health"], held.Items.Select(s => s.Tag));
        Assert.All(held.Items, s => Assert.InRange(s.Confidence, 0.02, 0.49));
        Assert.Equal(["open-contracting", "public-procurement", "sector-health"], lenientQueue.Items.Select(s => s.Tag));
        Assert.Equal(["open-contracting"], (await factory.EventsAsync<Contracts.Events.TagSuggested>()).Select(e => e.Tag));
        using var invalid = new TaggingFactory(new Dictionary<string, string?> { ["Tagging:MinimumConfidence"] = "0.6", ["Tagging:QueueThreshold"] = "0.5" });
        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => invalid.Server);
        Assert.Contains("Tagging:QueueThreshold (0.5) must be at least Tagging:MinimumConfidence (0.6).", string.Join(" ", failure.Failures), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
