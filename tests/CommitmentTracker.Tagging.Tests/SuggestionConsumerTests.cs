using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>The commitment events, through the bus and the inbox: suggestions, recomputation, flags, removal, redelivery.</summary>
public sealed class SuggestionConsumerTests : IDisposable
{
    private readonly TaggingFactory factory = new();

    private Task<PagedResponse<TagSuggestionResponse>> QueueAsync(string query = "") =>
        factory.Reader().GetAsync($"/api/tag-suggestions{query}", TestContext.Current.CancellationToken).OkAsync<PagedResponse<TagSuggestionResponse>>();

    [Fact]
    public async Task An_added_commitment_gets_suggestions_with_evidence_and_a_TagSuggested_event_each()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting", "We will publish data using the Open Contracting Data Standard (OCDS) for all procurement.", ["Open Contracting"]);

        var queue = await QueueAsync();

        Assert.Equal(["open-contracting", "oc-disclosure"], queue.Items.Select(s => s.Tag));
        var oc = queue.Items[0];
        Assert.Equal(("UK0098", "GBR", "Open contracting", "pending"), (oc.CommitmentId, oc.MemberCode, oc.CommitmentTitle, oc.Status));
        Assert.Equal(0.99, oc.Confidence);
        Assert.Equal(("flag+text", "en-open-contracting"), (oc.Calibration!.EvidenceKind, oc.Calibration.Rule));
        Assert.Contains(new TagEvidence("flag-open-contracting", "policyAreas", "Open Contracting"), oc.Evidence);
        Assert.Contains(new TagEvidence("en-open-contracting", "title", "Open contracting") { Part = "title" }, oc.Evidence);
        Assert.Contains(new TagEvidence("ocds", "fullText", "Open Contracting Data Standard") { Part = "objective" }, queue.Items[1].Evidence);
        Assert.Contains(new TagEvidence("ocds", "fullText", "OCDS") { Part = "objective" }, queue.Items[1].Evidence);
        Assert.True(queue.Items.Zip(queue.Items.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence), "highest confidence first");
        // "procurement" in the text alone, without OGP's flag, is held: stored and visible, not queued, no event.
        var held = Assert.Single((await QueueAsync("?status=held")).Items);
        Assert.Equal(("public-procurement", "text"), (held.Tag, held.Calibration!.EvidenceKind));
        Assert.True(held.Confidence < 0.5, $"held at {held.Confidence}");
        Assert.Equal(2, (await factory.EventsAsync<TagSuggested>()).Count);
        var history = await factory.Reader().GetAsync("/api/commitments/uk0098/tags/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<TagAuditResponse>>();
        Assert.Equal(2, history.Items.Count(e => e.Action == "suggested" && e.Actor == "rules"));
        Assert.Equal(["public-procurement"], history.Items.Where(e => e.Action == "held").Select(e => e.Tag));
    }

    [Theory]
    [InlineData("es", "Fortalecer las compras públicas y la licitación electrónica", "compras públicas")]
    [InlineData("fr", "Réformer les marchés publics", "marchés publics")]
    [InlineData("pt", "Transparência nas compras governamentais", "compras governamentais")]
    [InlineData("ru", "Прозрачность государственных закупок", "закупок")]
    [InlineData("es", "Licitacion abierta (sin tilde)", "Licitacion")]
    public async Task Phrase_rules_match_in_other_languages(string language, string title, string matched)
    {
        await factory.AddCommitmentAsync("XX0001", title);

        // Without OGP's flag the text alone is weak evidence: the suggestion is held below the queue threshold.
        var queue = await QueueAsync("?tag=public-procurement&status=held");

        var suggestion = Assert.Single(queue.Items);
        Assert.Contains(suggestion.Evidence, e => e.Rule == $"{language}-procurement" && e.Field == "title" && e.MatchedText.Contains(matched, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_redelivered_event_and_a_repeated_one_never_duplicate_suggestions()
    {
        var messageId = await factory.AddCommitmentAsync("BG0039", "Introducing e-procurement", "An e-procurement platform.");
        await factory.AddCommitmentAsync("BG0039", "Introducing e-procurement", "An e-procurement platform.", messageId: messageId);
        await factory.AddCommitmentAsync("BG0039", "Introducing e-procurement", "An e-procurement platform.");

        var queue = await QueueAsync("?member=gbr&status=all");
        Assert.Equal([("e-procurement", "pending"), ("public-procurement", "held")], queue.Items.Select(s => (s.Tag, s.Status)));
        Assert.Single(await factory.EventsAsync<TagSuggested>());
        Assert.Equal(1, await factory.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task A_text_change_recomputes_pending_suggestions_and_flags_confirmed_tags()
    {
        await factory.AddCommitmentAsync("MN0045", "Ensure transparency of contracts", "Procurement reform.");
        var before = await QueueAsync("?status=all");
        Assert.Equal([("open-contracting", "pending"), ("public-procurement", "held")], before.Items.Select(s => (s.Tag, s.Status)));
        var procurement = before.Items.Single(s => s.Tag == "public-procurement");
        await factory.Ogp().PostAsJsonAsync($"/api/tag-suggestions/{procurement.Id}/accept", new ReviewSuggestionRequest("flagged by OGP"), TestContext.Current.CancellationToken).OkAsync<TagSuggestionResponse>();

        await factory.ChangeCommitmentAsync("MN0045", "Ensure transparency of contracts", "Procurement reform and beneficial ownership of suppliers.");

        var tags = await factory.Reader().GetAsync("/api/commitments/MN0045/tags", TestContext.Current.CancellationToken).OkAsync<CommitmentTagsResponse>();
        var confirmed = Assert.Single(tags.Tags);
        Assert.Equal(("public-procurement", "confirmed", true), (confirmed.Tag, confirmed.Status, confirmed.TextChangedSinceConfirmation));
        Assert.Equal(["open-contracting", "beneficial-ownership"], tags.Suggestions.Select(s => s.Tag));
        Assert.Equal(2, tags.Suggestions[0].Version);

        await factory.ChangeCommitmentAsync("MN0045", "Ensure access to information", "Beneficial ownership of suppliers.", version: 3);

        var after = await QueueAsync("?status=all");
        Assert.Equal("superseded", after.Items.Single(s => s.Tag == "open-contracting").Status);
        Assert.Equal("pending", after.Items.Single(s => s.Tag == "beneficial-ownership").Status);
        var history = await factory.Reader().GetAsync("/api/commitments/MN0045/tags/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<TagAuditResponse>>();
        Assert.Contains(history.Items, e => e.Action == "text-changed" && e.Tag == "public-procurement");
        Assert.Contains(history.Items, e => e.Action == "superseded" && e.Tag == "open-contracting");
    }

    [Fact]
    public async Task A_removed_commitment_loses_its_pending_suggestions_but_keeps_its_tags()
    {
        await factory.AddCommitmentAsync("JO0026", "Unified procurement bylaw");
        await factory.PublishAsync(new CommitmentRemoved { CommitmentId = "JO0026", ActionPlanId = "AP_GBR01", MemberCode = "GBR", OccurredAt = DateTimeOffset.UtcNow });

        Assert.Empty((await QueueAsync()).Items);
        var tags = await factory.Reader().GetAsync("/api/commitments/JO0026/tags", TestContext.Current.CancellationToken).OkAsync<CommitmentTagsResponse>();
        Assert.True(tags.Removed);
    }

    [Fact]
    public async Task A_commitment_without_matching_words_gets_no_suggestion()
    {
        await factory.AddCommitmentAsync("AL0002", "e-Acts", "Preparation, approval and submitting of legal acts.");

        Assert.Empty((await QueueAsync("?status=all")).Items);
        Assert.Equal(HttpStatusCode.OK, (await factory.Reader().GetAsync("/api/commitments/AL0002/tags", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Events_from_before_snapshots_use_their_title_and_flags()
    {
        await factory.PublishAsync(new CommitmentAdded
        {
            CommitmentId = "ro0018", ActionPlanId = "AP_ROU01", MemberCode = "ROU", Title = "Electronic system", PolicyAreas = ["Open Contracting"], OccurredAt = DateTimeOffset.UtcNow,
        });
        await factory.PublishAsync(new CommitmentChanged
        {
            CommitmentId = "RO0018", ActionPlanId = "AP_ROU01", MemberCode = "ROU", Title = "The public procurement electronic system", Version = 2,
            Changes = [new FieldChange("Commitment Title", "Electronic system", "The public procurement electronic system")], OccurredAt = DateTimeOffset.UtcNow,
        });

        var tags = await factory.Reader().GetAsync("/api/commitments/RO0018/tags", TestContext.Current.CancellationToken).OkAsync<CommitmentTagsResponse>();

        Assert.Equal("The public procurement electronic system", tags.Title);
        Assert.Equal(["open-contracting", "e-procurement", "public-procurement"], tags.Suggestions.Select(s => s.Tag));
        Assert.Equal(["pending", "pending", "held"], tags.Suggestions.Select(s => s.Status));
    }

    public void Dispose() => factory.Dispose();
}
