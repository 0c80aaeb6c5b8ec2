using System.Net;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests;

public sealed class GetTagsTests : IDisposable
{
    private static readonly string[] SeededIds =
    [
        "open-contracting", "oc-disclosure", "oc-participation", "public-procurement", "e-procurement",
        "beneficial-ownership", "sector-health", "sector-education", "sector-infrastructure", "sector-extractives",
    ];

    private readonly ServiceFactory<Program> factory = new();

    private Task<List<TagResponse>> GetTagsAsync(string url = "/api/tags") =>
        factory.CreateAdminClient().GetAsync(url, TestContext.Current.CancellationToken).OkAsync<List<TagResponse>>();

    [Fact]
    public async Task The_seeded_vocabulary_is_returned()
    {
        var tags = await GetTagsAsync();

        Assert.Equal(SeededIds.Order(StringComparer.Ordinal), tags.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.All(tags, t => Assert.False(t.Retired));
        Assert.All(tags, t => Assert.False(string.IsNullOrWhiteSpace(t.Label)));
        Assert.All(tags, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        var openContracting = tags.Single(t => t.Id == "open-contracting");
        Assert.Equal(("Open contracting", null), (openContracting.Label, openContracting.ParentId));
        Assert.Equal("Open contracting: disclosure", tags.Single(t => t.Id == "oc-disclosure").Label);
    }

    [Fact]
    public async Task The_open_contracting_children_have_it_as_parent_and_no_other_tag_has_a_parent()
    {
        var tags = await GetTagsAsync();

        Assert.Equal(
            [("oc-disclosure", "open-contracting"), ("oc-participation", "open-contracting")],
            tags.Where(t => t.ParentId is not null).Select(t => (t.Id, t.ParentId!)).OrderBy(p => p.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Parents_come_before_their_children_and_children_follow_their_parent()
    {
        var tags = await GetTagsAsync();

        var position = tags.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var parent = position["open-contracting"];
        Assert.Equal(
            new HashSet<int> { parent + 1, parent + 2 },
            new HashSet<int> { position["oc-disclosure"], position["oc-participation"] });
        Assert.All(tags.Where(t => t.ParentId is not null), child => Assert.True(position[child.ParentId!] < position[child.Id], $"{child.Id} comes before its parent {child.ParentId}"));
    }

    [Fact]
    public async Task Including_retired_tags_changes_nothing_while_none_is_retired()
    {
        var active = await GetTagsAsync();
        var all = await GetTagsAsync("/api/tags?includeRetired=true");

        Assert.Equal(10, all.Count);
        Assert.Equal(active, all);
    }

    [Theory]
    [InlineData(null, "This endpoint needs an API key in the X-Api-Key header.")]
    [InlineData("wrong-key-0123456789", "The API key is not valid.")]
    [InlineData("test-admin-key-012345678", "The API key is not valid.")]
    public async Task Without_a_valid_key_the_vocabulary_is_401(string? key, string detail)
    {
        var client = key is null ? factory.CreateClient() : factory.CreateClientWithKey(key);

        var problem = await client.GetAsync("/api/tags", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(detail, problem.Detail);
    }

    [Fact]
    public async Task Alive_answers_anonymously()
    {
        var response = await factory.CreateClient().GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_answers_anonymously_with_the_database_and_the_bus_healthy()
    {
        var client = factory.CreateClient();

        // The bus starts in the background: wait until the report is complete, then check every entry.
        var checks = await Eventually.GetAsync(
            async () =>
            {
                var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                var entries = body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
                return (response.StatusCode, Status: body.RootElement.GetProperty("status").GetString(), Checks: entries);
            },
            health => health.StatusCode == HttpStatusCode.OK && health.Status == "Healthy",
            TimeSpan.FromSeconds(15),
            "/health to report Healthy");

        Assert.Equal("Healthy", checks.Checks["tagging-database"]);
        Assert.Equal("Healthy", checks.Checks["masstransit-bus"]);
        Assert.All(checks.Checks, c => Assert.Equal("Healthy", c.Value));
    }

    public void Dispose() => factory.Dispose();
}
