using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Platform.Tests.Security;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests;

/// <summary>
/// The whole chain in the embedded host: the real sample imported into ActionPlans, an open contracting tag confirmed
/// by an OGP and an OCP liaison in Tagging, the registry sample uploaded, a liaison's mandate — and Engagement's
/// assessment of Kyrgyzstan is (a) from the import (OGP's own flag), names the liaisons once they confirm, and has the
/// registry's stale publication as a dip.
/// </summary>
public class EngagementEndToEndTests : IAsyncDisposable
{
    private readonly EmbeddedHostFactory factory;

    public EngagementEndToEndTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected EngagementEndToEndTests(TestDatabase database) => factory = new(new Dictionary<string, string?> { ["Outbox:PollingInterval"] = "00:00:00.200" }, database);

    [Fact]
    public async Task A_tag_confirmed_by_both_organisations_and_the_registry_reach_the_engagement_assessment()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = factory.CreateAdminClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv"), ct));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "commitments-sample.csv");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/imports", form, ct)).StatusCode);

        var before = await Eventually.GetAsync(
            async () => await admin.GetAsync("/api/members/KGZ/engagement", ct) is { StatusCode: HttpStatusCode.OK } ok ? await ok.Content.ReadFromJsonAsync<EngagementResponse>(ct) : null,
            engagement => engagement?.Category == "a", TimeSpan.FromSeconds(60), "Engagement to assess Kyrgyzstan (a) from OGP's flag, before any liaison acts");
        await Eventually.UntilAsync(
            async () => (await admin.GetAsync("/api/commitments/KG0009/tags", ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "Tagging to know KG0009");
        Assert.Contains("KG0009 (OGP flag)", before!.Explanation, StringComparison.Ordinal);

        using var ogp = TestPrincipals.WithKey(factory, (await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("ogp liaison", ["liaison"], organisation: "OGP"))).Secret);
        using var ocp = TestPrincipals.WithKey(factory, (await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("ocp liaison", ["liaison"], organisation: "OCP"))).Secret);
        foreach (var liaison in new[] { ogp, ocp })
        {
            using var tagged = await liaison.PostAsJsonAsync("/api/commitments/KG0009/tags", new TagCommitmentRequest("open-contracting", "OCDS publication of procurement"), ct);
            Assert.True(tagged.IsSuccessStatusCode, await tagged.Content.ReadAsStringAsync(ct));
        }

        var ready = await Eventually.GetAsync(
            () => admin.GetFromJsonAsync<EngagementResponse>("/api/members/KGZ/engagement", ct),
            // open-contracting needs both organisations: the first approval proposes the tag, the second confirms it.
            engagement => engagement!.OpenContractingCommitments[0].ConfirmedBy.Count == 2, TimeSpan.FromSeconds(30), "Engagement to see the tag confirmed by both organisations");
        Assert.Equal("a", ready!.Category);
        Assert.Contains("KG0009 (OGP flag; confirmed by OGP and OCP)", ready.Explanation, StringComparison.Ordinal);

        using var registry = new StringContent(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"), ct), Encoding.UTF8, "application/json");
        using var imported = await admin.PostAsync("/api/ocds-publications/imports", registry, ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using var mandate = await ocp.PutAsJsonAsync("/api/members/KGZ/mandate", new UpdateMandateRequest(new MandateComponentRequest(1, "Procurement reform stalled after 2021.", null), null, null, null), ct);
        Assert.Equal(HttpStatusCode.OK, mandate.StatusCode);

        var kyrgyzstan = await admin.GetFromJsonAsync<EngagementResponse>("/api/members/KGZ/engagement", ct);
        var history = await admin.GetFromJsonAsync<PagedResponse<EngagementHistoryEntryResponse>>("/api/members/KGZ/engagement/history", ct);
        Assert.Equal("Public procurement portal", Assert.Single(kyrgyzstan!.Publications).Title);
        Assert.StartsWith("No OCDS publication has data newer than 180 days", Assert.Single(kyrgyzstan.Warnings), StringComparison.Ordinal);
        Assert.Matches("^mandate by .+ \\(OCP\\)$", history!.Items[0].Trigger);
        // The confirmation changed the explanation's words only (no history entry); the category came with the commitment.
        Assert.Equal("ocds-import upload", history.Items[1].Trigger);
        Assert.True(history.Items[1].IsDip);
        Assert.Equal(("CommitmentAdded KG0009", "a"), history.Items.Skip(2).Select(h => (h.Trigger, h.Category)).First());
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same tests with every database on PostgreSQL (a private server: <see cref="PostgresServer"/>).</summary>
public sealed class EngagementEndToEndOnPostgresTests() : EngagementEndToEndTests(TestDatabase.Postgres);
