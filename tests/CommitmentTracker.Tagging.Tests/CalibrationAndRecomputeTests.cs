using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// OGP's policy-area columns as admin-editable data, the calibration (seeded from labelled examples, moved by liaisons'
/// decisions per tag and rule) and an admin's recomputation over stored commitments, which never touches a decision.
/// </summary>
public sealed class CalibrationAndRecomputeTests : IDisposable
{
    private readonly TaggingFactory factory = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<PagedResponse<TagSuggestionResponse>> SuggestionsAsync(string query) =>
        factory.Reader().GetAsync($"/api/tag-suggestions{query}", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();

    [Fact]
    public async Task Admins_list_and_set_the_policy_area_columns_of_a_tag_and_the_next_commitment_follows_them()
    {
        var admin = factory.CreateAdminClient();

        var mappings = await admin.GetAsync("/api/tag-policy-areas", Ct).OkAsync<List<TagPolicyAreasResponse>>();

        Assert.Equal(["Open Contracting"], mappings.Single(m => m.Tag == "open-contracting").PolicyAreas);
        Assert.Equal(["Health & Nutrition", "Open Data (Health)"], mappings.Single(m => m.Tag == "sector-health").PolicyAreas);
        var unmapped = mappings.Single(m => m.Tag == "oc-disclosure");
        Assert.Equal(0, unmapped.Version);
        Assert.Empty(unmapped.PolicyAreas);

        var set = await admin.PutAsJsonAsync("/api/tag-policy-areas/sector-infrastructure", new SetTagPolicyAreasRequest(["Infrastructure & Transport", "Water & Sanitation"], 0.6), Ct)
            .OkAsync<TagPolicyAreasResponse>();
        Assert.Equal((2, 0.6), (set.Version, set.Confidence));
        Assert.Equal(["Infrastructure & Transport", "Water & Sanitation"], set.PolicyAreas);
        var cleared = await admin.PutAsJsonAsync("/api/tag-policy-areas/public-procurement", new SetTagPolicyAreasRequest([], null), Ct).OkAsync<TagPolicyAreasResponse>();
        Assert.Empty(cleared.PolicyAreas);

        await factory.AddCommitmentAsync("XX0010", "Rural water points", flags: ["Water & Sanitation", "Public Procurement"]);

        var suggestions = await SuggestionsAsync("?status=all");
        var infrastructure = Assert.Single(suggestions.Items);
        Assert.Equal(("sector-infrastructure", "flag"), (infrastructure.Tag, infrastructure.Calibration!.EvidenceKind));
        Assert.Equal([new TagEvidence("flag-sector-infrastructure", "policyAreas", "Water & Sanitation")], infrastructure.Evidence);
    }

    [Fact]
    public async Task Bad_policy_areas_are_400_unknown_tags_404_and_only_admins_see_or_set_them()
    {
        var admin = factory.CreateAdminClient();

        Assert.Equal(["confidence", "policyAreas"], await ProblemAssert.ValidationErrorsAsync(
            await admin.PutAsJsonAsync("/api/tag-policy-areas/sector-health", new SetTagPolicyAreasRequest(["ok", " ", new string('x', 101)], 1.5), Ct)));
        Assert.Equal(["policyAreas"], await ProblemAssert.ValidationErrorsAsync(
            await admin.PutAsJsonAsync("/api/tag-policy-areas/sector-health", new SetTagPolicyAreasRequest(null, 0.5), Ct)));
        await admin.PutAsJsonAsync("/api/tag-policy-areas/no-such-tag", new SetTagPolicyAreasRequest([], null), Ct).ProblemAsync(HttpStatusCode.NotFound);
        await factory.Ogp().GetAsync("/api/tag-policy-areas", Ct).ProblemAsync(HttpStatusCode.Forbidden);
        await factory.Ogp().PutAsJsonAsync("/api/tag-policy-areas/sector-health", new SetTagPolicyAreasRequest([], null), Ct).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_calibration_starts_from_the_labelled_examples_and_follows_liaisons_decisions_per_tag_and_rule()
    {
        var before = await factory.Reader().GetAsync("/api/tag-calibration", Ct).OkAsync<TagCalibrationResponse>();

        Assert.Equal((0.02, 0.5), (before.MinimumConfidence, before.QueueThreshold));
        var contradicted = before.Cells.Single(c => c is { Tag: "public-procurement", EvidenceKind: "flag-contradicted", Rule: null });
        Assert.Equal((0, 14, false), (contradicted.LabelledAccepted, contradicted.LabelledRejected, contradicted.Queued));
        var textCell = before.Cells.Single(c => c is { Tag: "open-contracting", EvidenceKind: "text", Rule: null });
        Assert.Equal((22, 0, 0, 0, true), (textCell.LabelledAccepted, textCell.LabelledRejected, textCell.Accepted, textCell.Rejected, textCell.Queued));

        // Liaisons reject five suggestions of one kind from one rule: the next of that kind and rule is no longer queued.
        for (var i = 0; i < 5; i++)
        {
            await factory.AddCommitmentAsync($"XX00{i + 20}", "Ensure transparency of contracts");
        }

        var queued = await SuggestionsAsync("?tag=open-contracting");
        Assert.Equal(5, queued.Total);
        Assert.All(queued.Items, s => Assert.Equal((0.98, "text", "en-open-contracting", 22, 0), (s.Confidence, s.Calibration!.EvidenceKind, s.Calibration.Rule, s.Calibration.LabelledAccepted, s.Calibration.Rejected)));
        await factory.Ogp().PostAsJsonAsync("/api/tag-suggestions/reject", new BulkReviewRequest([.. queued.Items.Select(s => s.Id)], "contracts of the ministry's own purchases"), Ct)
            .OkAsync<BulkReviewResponse>();

        await factory.AddCommitmentAsync("XX0030", "Ensure transparency of contracts");

        var next = Assert.Single((await SuggestionsAsync("?tag=open-contracting&status=held")).Items);
        Assert.Equal(("XX0030", 0.4, 5, 5), (next.CommitmentId, next.Confidence, next.Calibration!.Rejected, next.Calibration.RuleRejected));
        var after = await factory.Reader().GetAsync("/api/tag-calibration", Ct).OkAsync<TagCalibrationResponse>();
        var kindCell = after.Cells.Single(c => c is { Tag: "open-contracting", EvidenceKind: "text", Rule: null });
        Assert.Equal((0, 5), (kindCell.Accepted, kindCell.Rejected));
        var ruleCell = after.Cells.Single(c => c is { Tag: "open-contracting", EvidenceKind: "text", Rule: "en-open-contracting" });
        Assert.Equal((0, 5, 0.4, false), (ruleCell.Accepted, ruleCell.Rejected, ruleCell.Confidence, ruleCell.Queued));
        await factory.CreateClient().GetAsync("/api/tag-calibration", Ct).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_recomputation_applies_changed_mappings_to_stored_commitments_shows_progress_and_leaves_decisions_alone()
    {
        var admin = factory.CreateAdminClient();
        await factory.AddCommitmentAsync("XX0040", "Rural water points", flags: ["Water & Sanitation"]);
        await factory.AddCommitmentAsync("XX0041", "Unified procurement bylaw", flags: ["Public Procurement"]);
        await factory.AddCommitmentAsync("XX0042", "Citizen budget", flags: ["Public Procurement"]);
        var decided = (await SuggestionsAsync("?tag=public-procurement")).Items.Single(s => s.CommitmentId == "XX0041");
        await factory.Ogp().PostAsJsonAsync($"/api/tag-suggestions/{decided.Id}/accept", new ReviewSuggestionRequest("a procurement bylaw"), Ct).OkAsync<TagSuggestionResponse>();
        var eventsBefore = (await factory.EventsAsync<TagSuggested>()).Count;

        await admin.PutAsJsonAsync("/api/tag-policy-areas/public-procurement", new SetTagPolicyAreasRequest([], null), Ct).OkAsync<TagPolicyAreasResponse>();
        await admin.PutAsJsonAsync("/api/tag-policy-areas/sector-infrastructure", new SetTagPolicyAreasRequest(["Infrastructure & Transport", "Water & Sanitation"], null), Ct)
            .OkAsync<TagPolicyAreasResponse>();
        var started = await admin.PostAsJsonAsync("/api/tag-suggestions/recompute", new RecomputeTagSuggestionsRequest("water is infrastructure; procurement flags are noisy"), Ct);
        var job = await Task.FromResult(started).OkAsync<TagRecomputeResponse>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/tag-suggestions/recompute/{job.Id}", started.Headers.Location?.OriginalString);
        Assert.Equal(3, job.Total);
        Assert.False(string.IsNullOrEmpty(job.RequestedBy));

        var done = await WaitForAsync(admin, job.Id);

        Assert.Equal(("succeeded", 3, 3, 1, 0, 1, null), (done.Status, done.Total, done.Processed, done.Added, done.Updated, done.Superseded, done.Error));
        Assert.NotNull(done.FinishedAt);
        var all = await SuggestionsAsync("?status=all");
        Assert.Equal("superseded", all.Items.Single(s => s.CommitmentId == "XX0042").Status);
        var water = all.Items.Single(s => s.CommitmentId == "XX0040");
        Assert.Equal(("sector-infrastructure", "pending"), (water.Tag, water.Status));
        var untouched = all.Items.Single(s => s.Id == decided.Id);
        Assert.Equal(("accepted", decided.Version + 1), (untouched.Status, untouched.Version));
        var tags = await factory.Reader().GetAsync("/api/commitments/XX0041/tags", Ct).OkAsync<CommitmentTagsResponse>();
        Assert.Equal(("public-procurement", "confirmed"), (tags.Tags.Single().Tag, tags.Tags.Single().Status));
        Assert.Empty(tags.Suggestions);
        var events = await factory.EventsAsync<TagSuggested>();
        var recomputed = Assert.Single(events.Skip(eventsBefore));
        Assert.Equal(("XX0040", "sector-infrastructure", true, "flag"), (recomputed.CommitmentId, recomputed.Tag, recomputed.Recomputed, recomputed.EvidenceKind));
        var history = await factory.Reader().GetAsync("/api/commitments/XX0042/tags/history", Ct).OkAsync<PagedResponse<TagAuditResponse>>();
        Assert.Equal(("superseded", "no rule supports it any more"), (history.Items[0].Action, history.Items[0].Detail));

        // Nothing changed since: a second recomputation changes nothing.
        var again = await admin.PostAsJsonAsync("/api/tag-suggestions/recompute", new RecomputeTagSuggestionsRequest(null), Ct).OkAsync<TagRecomputeResponse>(HttpStatusCode.Accepted);
        var second = await WaitForAsync(admin, again.Id);
        Assert.Equal((3, 0, 0, 0), (second.Processed, second.Added, second.Updated, second.Superseded));
    }

    [Fact]
    public async Task Only_admins_recompute_and_unknown_recomputations_are_404()
    {
        await factory.Ogp().PostAsJsonAsync("/api/tag-suggestions/recompute", new RecomputeTagSuggestionsRequest(null), Ct).ProblemAsync(HttpStatusCode.Forbidden);
        await factory.Reader().GetAsync("/api/tag-suggestions/recompute/1", Ct).ProblemAsync(HttpStatusCode.Forbidden);
        await factory.CreateAdminClient().GetAsync("/api/tag-suggestions/recompute/999999", Ct).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["reason"], await ProblemAssert.ValidationErrorsAsync(
            await factory.CreateAdminClient().PostAsJsonAsync("/api/tag-suggestions/recompute", new RecomputeTagSuggestionsRequest(new string('x', 1001)), Ct)));
    }

    private static async Task<TagRecomputeResponse> WaitForAsync(HttpClient admin, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await admin.GetAsync($"/api/tag-suggestions/recompute/{id}", Ct).OkAsync<TagRecomputeResponse>();
            if (job.Status is "succeeded" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(100, Ct);
        }
    }

    public void Dispose() => factory.Dispose();
}
