using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests;

/// <summary>
/// The real sample imported into ActionPlans of the embedded host: its CommitmentAdded events reach Tagging over the
/// bus, and Tagging suggests open-contracting tags for exactly the 18 rows OGP flagged, none for AL0002 and AL0003.
/// </summary>
public class TaggingEndToEndTests : IAsyncDisposable
{
    private static readonly HashSet<string> OpenContractingFamily = ["open-contracting", "oc-disclosure", "oc-participation", "public-procurement", "e-procurement"];
    private readonly EmbeddedHostFactory factory;

    public TaggingEndToEndTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected TaggingEndToEndTests(TestDatabase database) => factory = new(new Dictionary<string, string?> { ["Outbox:PollingInterval"] = "00:00:00.200" }, database);

    [Fact]
    public async Task Importing_the_sample_makes_Tagging_suggest_the_flagged_rows_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateAdminClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv"), ct));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "commitments-sample.csv");
        var accepted = await client.PostAsync("/api/imports", form, ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var suggested = await Eventually.GetAsync(
            async () =>
            {
                var page = await client.GetFromJsonAsync<PagedResponse<TagSuggestionResponse>>("/api/tag-suggestions?status=all&pageSize=200", ct);
                return page!.Items.Where(s => OpenContractingFamily.Contains(s.Tag)).Select(s => s.CommitmentId).ToHashSet();
            },
            ids => ids.Count >= 18,
            TimeSpan.FromSeconds(60),
            "Tagging to suggest the 18 flagged rows");

        Assert.Equal(18, suggested.Count);
        Assert.DoesNotContain("AL0002", suggested);
        Assert.DoesNotContain("AL0003", suggested);
        var uk = await client.GetFromJsonAsync<CommitmentTagsResponse>("/api/commitments/UK0098/tags", ct);
        var oc = uk!.Suggestions.Single(s => s.Tag == "open-contracting");
        Assert.Contains(oc.Evidence, e => e.Rule == "flag-open-contracting" && e.MatchedText == "Open Contracting");
        Assert.Contains(uk.Suggestions, s => s.Tag == "oc-disclosure" && s.Evidence.Any(e => e.MatchedText == "OCDS"));
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same tests with every database on PostgreSQL (a private server: <see cref="PostgresServer"/>).</summary>
public sealed class TaggingEndToEndOnPostgresTests() : TaggingEndToEndTests(TestDatabase.Postgres);
