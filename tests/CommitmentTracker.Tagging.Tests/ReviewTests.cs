using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>Liaisons of OGP and OCP review suggestions and tag by hand; the per-tag policy decides when a tag is confirmed.</summary>
public class ReviewTests : IAsyncDisposable
{
    private readonly TaggingFactory factory;

    public ReviewTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected ReviewTests(TestDatabase database) => factory = new(database: database);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TagSuggestionResponse> SuggestionAsync(string commitment, string tag)
    {
        var queue = await factory.Reader().GetAsync($"/api/tag-suggestions?status=all&tag={tag}", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();
        return queue.Items.Single(s => s.CommitmentId == commitment);
    }

    private Task<CommitmentTagsResponse> TagsAsync(string commitment) => factory.Reader().GetAsync($"/api/commitments/{commitment}/tags", Ct).OkAsync<CommitmentTagsResponse>();

    [Fact]
    public async Task Open_contracting_needs_one_liaison_of_each_organisation()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");
        var suggestion = await SuggestionAsync("UK0098", "open-contracting");

        var first = await factory.Ogp("alice").PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest("clearly OC"), Ct).OkAsync<TagSuggestionResponse>();
        Assert.Equal(("proposed", "OGP"), (first.Status, string.Join(",", first.ApprovedBy)));
        var proposed = Assert.Single((await TagsAsync("UK0098")).Tags);
        Assert.Equal(("proposed", false), (proposed.Status, proposed.TextChangedSinceConfirmation));

        var again = await factory.Ogp("bob").PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest(null), Ct).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("OGP accepted this suggestion already", again.Detail, StringComparison.Ordinal);

        var second = await factory.Ocp("carol").PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest("agreed"), Ct).OkAsync<TagSuggestionResponse>();
        Assert.Equal(("accepted", "OGP,OCP"), (second.Status, string.Join(",", second.ApprovedBy)));
        var confirmed = Assert.Single((await TagsAsync("UK0098")).Tags);
        Assert.Equal(("confirmed", "OGP,OCP"), (confirmed.Status, string.Join(",", confirmed.ApprovedBy)));

        var tagged = await factory.EventsAsync<CommitmentTagged>();
        Assert.Equal(2, tagged.Count);
        Assert.Equal("proposed", tagged[0].Status);
        Assert.Equal(("confirmed", "OCP"), (tagged[1].Status, tagged[1].Organisation));

        var history = await factory.Reader().GetAsync("/api/commitments/UK0098/tags/history", Ct).OkAsync<PagedResponse<TagAuditResponse>>();
        var accepted = history.Items.Where(e => e.Action == "accepted").OrderBy(e => e.Id).ToList();
        Assert.Equal([("alice", "OGP", "clearly OC"), ("carol", "OCP", "agreed")], accepted.Select(e => (e.Actor!, e.Organisation!, e.Reason!)));
        Assert.Single(history.Items, e => e.Action == "confirmed" && e.Organisation == "OCP");
        Assert.Equal(["confirmed", "accepted"], history.Items.Take(2).Select(e => e.Action));
    }

    [Fact]
    public async Task A_one_liaison_tag_is_confirmed_by_the_first_acceptance()
    {
        await factory.AddCommitmentAsync("JO0026", "Unified procurement bylaw");
        var suggestion = await SuggestionAsync("JO0026", "public-procurement");

        var accepted = await factory.Ocp().PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest(null), Ct).OkAsync<TagSuggestionResponse>();

        Assert.Equal("accepted", accepted.Status);
        Assert.Equal("confirmed", Assert.Single((await TagsAsync("JO0026")).Tags).Status);
    }

    [Fact]
    public async Task The_organisation_comes_from_the_key_never_from_the_body()
    {
        await factory.AddCommitmentAsync("JO0026", "Unified procurement bylaw");

        await factory.Ocp("dan").PostAsJsonAsync("/api/commitments/JO0026/tags", new { tag = "e-procurement", reason = "by hand", organisation = "OGP", actor = "someone-else" }, Ct)
            .OkAsync<CommitmentTagResponse>(HttpStatusCode.Created);

        var history = await factory.Reader().GetAsync("/api/commitments/JO0026/tags/history", Ct).OkAsync<PagedResponse<TagAuditResponse>>();
        var entry = history.Items.First(e => e.Action == "tagged");
        Assert.Equal(("dan", "OCP", "by hand", "e-procurement"), (entry.Actor, entry.Organisation, entry.Reason, entry.Tag));
    }

    [Fact]
    public async Task Tagging_by_hand_answers_the_open_suggestion_and_untagging_removes_the_tag_with_an_event()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");

        var proposed = await factory.Ogp().PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("open-contracting", null), Ct).OkAsync<CommitmentTagResponse>(HttpStatusCode.Created);
        Assert.Equal("proposed", proposed.Status);
        Assert.Equal("proposed", (await SuggestionAsync("UK0098", "open-contracting")).Status);
        var confirmed = await factory.Ocp().PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("open-contracting", null), Ct).OkAsync<CommitmentTagResponse>();
        Assert.Equal("confirmed", confirmed.Status);
        Assert.Equal("accepted", (await SuggestionAsync("UK0098", "open-contracting")).Status);
        await factory.Ocp().PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("open-contracting", null), Ct).ProblemAsync(HttpStatusCode.Conflict);

        var deleted = await factory.Ogp().DeleteAsync("/api/commitments/UK0098/tags/open-contracting?reason=wrong%20plan", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Empty((await TagsAsync("UK0098")).Tags);
        Assert.Contains(await factory.EventsAsync<CommitmentUntagged>(), e => e.Tag == "open-contracting");
        var history = await factory.Reader().GetAsync("/api/commitments/UK0098/tags/history", Ct).OkAsync<PagedResponse<TagAuditResponse>>();
        Assert.Equal(("untagged", "OGP", "wrong plan"), (history.Items[0].Action, history.Items[0].Organisation, history.Items[0].Reason));
        await factory.Ogp().DeleteAsync("/api/commitments/UK0098/tags/open-contracting", Ct).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rejecting_a_proposed_suggestion_withdraws_the_proposed_tag()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");
        var suggestion = await SuggestionAsync("UK0098", "open-contracting");
        await factory.Ogp().PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest(null), Ct).OkAsync<TagSuggestionResponse>();

        var rejected = await factory.Ocp().PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/reject", new ReviewSuggestionRequest("not OC"), Ct).OkAsync<TagSuggestionResponse>();

        Assert.Equal("rejected", rejected.Status);
        Assert.Empty((await TagsAsync("UK0098")).Tags);
        await factory.Ocp().PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/reject", new ReviewSuggestionRequest(null), Ct).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bulk_accept_and_reject_decide_each_suggestion_on_its_own()
    {
        await factory.AddCommitmentAsync("BG0039", "Introducing e-procurement");
        await factory.AddCommitmentAsync("JO0026", "Unified procurement bylaw");
        // Procurement from the text alone, without OGP's flag, is held below the queue threshold; liaisons may still decide on it.
        var queue = await factory.Reader().GetAsync("/api/tag-suggestions?status=all", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>();
        Assert.Equal(3, queue.Total);
        Assert.Equal(["held", "held"], queue.Items.Where(s => s.Tag == "public-procurement").Select(s => s.Status));
        var procurement = queue.Items.Where(s => s.Tag == "public-procurement").Select(s => s.Id).ToList();
        var unknown = Guid.NewGuid();

        var accepted = await factory.Ogp().PostAsJsonAsync("/api/tag-suggestions/accept", new BulkReviewRequest([.. procurement, unknown], "procurement reforms"), Ct).OkAsync<BulkReviewResponse>();

        Assert.Equal((2, 1), (accepted.Succeeded, accepted.Failed));
        Assert.Equal([200, 200, 404], accepted.Items.Select(i => i.Status));
        var rejected = await factory.Ocp().PostAsJsonAsync("/api/tag-suggestions/reject", new BulkReviewRequest([queue.Items.Single(s => s.Tag == "e-procurement").Id, procurement[0]], null), Ct).OkAsync<BulkReviewResponse>();
        Assert.Equal([200, 409], rejected.Items.Select(i => i.Status));
        Assert.Empty((await factory.Reader().GetAsync("/api/tag-suggestions", Ct).OkAsync<PagedResponse<TagSuggestionResponse>>()).Items);
        await factory.Ogp().PostAsJsonAsync("/api/tag-suggestions/accept", new BulkReviewRequest([], null), Ct).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_liaisons_accepting_at_once_never_create_duplicates_one_wins_the_other_gets_409()
    {
        await factory.AddCommitmentAsync("JO0026", "Unified procurement bylaw");
        var suggestion = await SuggestionAsync("JO0026", "public-procurement");
        var ogp = factory.Ogp("alice");
        var ocp = factory.Ocp("carol");

        {
            var answers = await Task.WhenAll(
                ogp.PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest(null), Ct),
                ocp.PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest(null), Ct));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            var problem = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(Ct);
            Assert.True(problem.Contains("accepted already", StringComparison.Ordinal) || problem.Contains("at the same time", StringComparison.Ordinal), problem);
        }

        Assert.Equal(1, await factory.QueryAsync(db => db.CommitmentTags.CountAsync(t => t.CommitmentId == "JO0026", Ct)));
        Assert.Single(await factory.EventsAsync<CommitmentTagged>());
    }

    [Fact]
    public async Task Two_liaisons_tagging_by_hand_at_once_create_one_tag()
    {
        await factory.AddCommitmentAsync("AL0002", "e-Acts");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            factory.As(Roles.Liaison, Organisations.Ogp, id: $"liaison-{i}").PostAsJsonAsync("/api/commitments/AL0002/tags", new TagCommitmentRequest("sector-education", null), Ct)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await factory.QueryAsync(db => db.CommitmentTags.CountAsync(t => t.CommitmentId == "AL0002", Ct)));
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_a_current_one_succeeds()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");
        var suggestion = await SuggestionAsync("UK0098", "open-contracting");
        await factory.ChangeCommitmentAsync("UK0098", "Open contracting", "Publish with the OCDS.");
        var current = await SuggestionAsync("UK0098", "open-contracting");
        Assert.Equal(suggestion.Version + 1, current.Version);

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/tag-suggestions/{suggestion.Id}/accept") { Content = JsonContent.Create(new ReviewSuggestionRequest(null)) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{suggestion.Version}\"");
        var problem = await factory.Ogp().SendAsync(stale, Ct).ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains($"at version {current.Version}", problem.Detail, StringComparison.Ordinal);

        using var fresh = new HttpRequestMessage(HttpMethod.Post, $"/api/tag-suggestions/{suggestion.Id}/accept") { Content = JsonContent.Create(new ReviewSuggestionRequest(null)) };
        fresh.Headers.TryAddWithoutValidation("If-Match", $"\"{current.Version}\"");
        var response = await factory.Ogp().SendAsync(fresh, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{current.Version + 1}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_admin_confirms_alone()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");
        var suggestion = await SuggestionAsync("UK0098", "open-contracting");

        var accepted = await factory.CreateAdminClient().PostAsJsonAsync($"/api/tag-suggestions/{suggestion.Id}/accept", new ReviewSuggestionRequest(null), Ct).OkAsync<TagSuggestionResponse>();

        Assert.Equal(("accepted", "admin"), (accepted.Status, string.Join(",", accepted.ApprovedBy)));
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same tests with every database on PostgreSQL (a private server: <see cref="PostgresServer"/>).</summary>
public sealed class ReviewOnPostgresTests() : ReviewTests(TestDatabase.Postgres);
