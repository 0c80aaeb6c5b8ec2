using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>The OCP Data Registry's publications.json: import, name mapping, signals, and bad files that change nothing.</summary>
public sealed class OcdsRegistryTests : IDisposable
{
    private readonly EngagementFactory factory = new(new Dictionary<string, string?> { ["Engagement:Ocds:MaxFileBytes"] = "65536" }, EngagementFactory.RegistryDay);

    /// <summary>The registry sample (tests/fixtures/ocp/publications-sample.json, a copy of the shared fixture).</summary>
    private static string SampleJson() => File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"));

    /// <summary>The sample plus two publications whose countries are not OGP members' names.</summary>
    private static string SampleWithUnmappedNames()
    {
        var array = JsonNode.Parse(SampleJson())!.AsArray();
        array.Add(JsonNode.Parse("""{"id": 7, "title": "EU tenders", "country": "European Union", "frozen": false, "date_to": "2026-11-01", "coverage": {"/tender": 10}}"""));
        array.Add(JsonNode.Parse("""{"id": 8, "title": "EU contracts", "country": "European Union", "frozen": false, "date_to": "2026-11-01"}"""));
        array.Add(JsonNode.Parse("""{"id": 9, "title": "City portal", "country": "Atlantis", "frozen": false}"""));
        return array.ToJsonString();
    }

    private Task<HttpResponseMessage> ImportAsync(string json, string contentType = "application/json") =>
        factory.CreateAdminClient().PostAsync("/api/ocds-publications/imports", new StringContent(json, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    private Task<PagedResponse<OcdsPublicationResponse>> ListAsync(string query = "") =>
        factory.Reader().GetAsync($"/api/ocds-publications{query}", TestContext.Current.CancellationToken).OkAsync<PagedResponse<OcdsPublicationResponse>>();

    [Fact]
    public async Task The_registry_sample_is_imported_with_every_name_mapped_and_its_signals_read()
    {
        var result = await ImportAsync(SampleJson()).OkAsync<OcdsImportResponse>();

        Assert.Equal((6, 6), (result.Publications, result.Mapped));
        Assert.Empty(result.Unmapped);
        var all = await ListAsync();
        Assert.Equal(["UKR", "PRY", "KGZ", "GBR", "LVA", "MDA"], all.Items.Select(p => p.MemberCode));
        var ukraine = Assert.Single((await ListAsync("?member=ukr")).Items);
        Assert.Equal(("Ukraine", true, false, new DateOnly(2026, 10, 29)), (ukraine.Country, ukraine.Fresh, ukraine.Frozen, ukraine.DateTo));
        Assert.Equal(["tender", "awards", "contracts", "implementation"], ukraine.Stages);
        Assert.Equal((false, true), (all.Items.Single(p => p.MemberCode == "LVA").Fresh, all.Items.Single(p => p.MemberCode == "LVA").Frozen));
        Assert.False(all.Items.Single(p => p.MemberCode == "KGZ").Fresh);
    }

    [Fact]
    public async Task Names_no_table_knows_are_reported_and_kept_unmapped_never_guessed()
    {
        var result = await ImportAsync(SampleWithUnmappedNames()).OkAsync<OcdsImportResponse>();

        Assert.Equal((9, 6), (result.Publications, result.Mapped));
        Assert.Equal(["Atlantis: 9", "European Union: 7, 8"], result.Unmapped.Select(u => $"{u.Country}: {string.Join(", ", u.PublicationIds)}"));
        Assert.Equal([7, 8, 9], (await ListAsync("?unmapped=true")).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task A_configured_alias_maps_a_name_the_table_does_not_know()
    {
        using var withAlias = new EngagementFactory(new Dictionary<string, string?> { ["Engagement:Ocds:CountryAliases:Atlantis"] = "atl" }, EngagementFactory.RegistryDay);

        var result = await withAlias.CreateAdminClient().PostAsync("/api/ocds-publications/imports",
            new StringContent("""[{"id": 9, "title": "City portal", "country": "ATLANTIS"}]""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).OkAsync<OcdsImportResponse>();

        Assert.Equal((1, 1), (result.Publications, result.Mapped));
    }

    [Fact]
    public async Task An_admin_maps_a_reported_name_and_the_stored_publications_follow_at_once()
    {
        await factory.ImportRowAsync("XK0011");
        var first = await ImportAsync(SampleWithUnmappedNames().Replace("\"Atlantis\"", "\"Kosova\"", StringComparison.Ordinal)).OkAsync<OcdsImportResponse>();
        Assert.Contains(first.Unmapped, u => u.Country == "Kosova");

        var mapped = await factory.CreateAdminClient().PutAsJsonAsync("/api/ocds-publications/country-names/Kosova", new SetCountryNameRequest("xkx"), TestContext.Current.CancellationToken).OkAsync<CountryNameResponse>();

        Assert.Equal(("Kosova", "XKX", "admin", (int?)1), (mapped.Name, mapped.MemberCode, mapped.Source, mapped.PublicationsMapped));
        Assert.Equal([9], (await ListAsync("?member=XKX")).Items.Select(p => p.Id));
        var kosovo = await factory.Reader().GetAsync("/api/members/XKX/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Equal("City portal", Assert.Single(kosovo.Publications).Title);
        var again = await ImportAsync(SampleWithUnmappedNames().Replace("\"Atlantis\"", "\"KOSOVA\"", StringComparison.Ordinal)).OkAsync<OcdsImportResponse>();
        Assert.DoesNotContain(again.Unmapped, u => u.Country == "KOSOVA");
        var names = await factory.Reader().GetAsync("/api/ocds-publications/country-names", TestContext.Current.CancellationToken).OkAsync<List<CountryNameResponse>>();
        Assert.Contains(names, n => n == new CountryNameResponse("Kosova", "XKX", "admin"));
        Assert.Contains(names, n => n == new CountryNameResponse("Kyrgyzstan", "KGZ", "table"));
    }

    [Fact]
    public async Task Removing_an_admin_mapping_leaves_the_name_unmapped_again_and_its_publications_follow()
    {
        await factory.ImportRowAsync("XK0011");
        await ImportAsync(SampleWithUnmappedNames().Replace("\"Atlantis\"", "\"Kosova\"", StringComparison.Ordinal)).OkAsync<OcdsImportResponse>();
        await factory.CreateAdminClient().PutAsJsonAsync("/api/ocds-publications/country-names/Kosova", new SetCountryNameRequest("XKX"), TestContext.Current.CancellationToken).OkAsync<CountryNameResponse>();
        Assert.Single((await factory.Reader().GetAsync("/api/members/XKX/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>()).Publications);

        var removed = await factory.CreateAdminClient().DeleteAsync("/api/ocds-publications/country-names/kosova", TestContext.Current.CancellationToken).OkAsync<RemovedCountryNameResponse>();

        Assert.Equal(new RemovedCountryNameResponse("Kosova", null, null, 1), removed);
        Assert.Contains(9, (await ListAsync("?unmapped=true")).Items.Select(p => p.Id));
        Assert.Empty((await factory.Reader().GetAsync("/api/members/XKX/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>()).Publications);
        Assert.Equal(0, await factory.QueryAsync(db => db.CountryAliases.CountAsync()));
        await factory.CreateAdminClient().DeleteAsync("/api/ocds-publications/country-names/Kosova", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Removing_an_admin_override_of_a_table_name_maps_it_as_the_table_says()
    {
        await factory.ImportRowAsync("UA0087");
        await ImportAsync(SampleJson()).OkAsync<OcdsImportResponse>();
        await factory.CreateAdminClient().PutAsJsonAsync("/api/ocds-publications/country-names/Ukraine", new SetCountryNameRequest("MDA"), TestContext.Current.CancellationToken).OkAsync<CountryNameResponse>();
        Assert.Empty((await factory.Reader().GetAsync("/api/members/UKR/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>()).Publications);

        var removed = await factory.CreateAdminClient().DeleteAsync("/api/ocds-publications/country-names/Ukraine", TestContext.Current.CancellationToken).OkAsync<RemovedCountryNameResponse>();

        Assert.Equal(new RemovedCountryNameResponse("Ukraine", "UKR", "table", 1), removed);
        var ukraine = await factory.Reader().GetAsync("/api/members/UKR/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Equal("Central procurement system", Assert.Single(ukraine.Publications).Title);
        Assert.Equal(EngagementCategory.MightInclude, ukraine.Category);
    }

    [Fact]
    public async Task A_name_from_the_table_cannot_be_removed_through_the_api()
    {
        var problem = await factory.CreateAdminClient().DeleteAsync("/api/ocds-publications/country-names/Ukraine", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("No admin mapping for this country name.", problem.Title);
    }

    [Theory]
    [InlineData("Kosova", """{"memberCode": "K1"}""", "memberCode")]
    [InlineData("Kosova", """{}""", "memberCode")]
    [InlineData("---", """{"memberCode": "XKX"}""", "name")]
    public async Task A_bad_country_name_mapping_is_a_400_and_maps_nothing(string name, string body, string field)
    {
        using var response = await factory.CreateAdminClient().PutAsync($"/api/ocds-publications/country-names/{name}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal([field], await ProblemAssert.ValidationErrorsAsync(response));
        Assert.Equal(0, await factory.QueryAsync(db => db.CountryAliases.CountAsync()));
    }

    [Fact]
    public async Task Only_admins_map_country_names()
    {
        await factory.Ocp().PutAsJsonAsync("/api/ocds-publications/country-names/Kosova", new SetCountryNameRequest("XKX"), TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(0, await factory.QueryAsync(db => db.CountryAliases.CountAsync()));
        await factory.CreateAdminClient().PutAsJsonAsync("/api/ocds-publications/country-names/Kosova", new SetCountryNameRequest("XKX"), TestContext.Current.CancellationToken).OkAsync<CountryNameResponse>();
        await factory.Ocp().DeleteAsync("/api/ocds-publications/country-names/Kosova", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await factory.QueryAsync(db => db.CountryAliases.CountAsync()));
    }

    [Fact]
    public async Task A_publishing_member_without_open_contracting_commitments_is_category_c()
    {
        await factory.ImportRowAsync("UA0087");

        var result = await ImportAsync(SampleJson()).OkAsync<OcdsImportResponse>();

        Assert.Equal(["UKR"], result.MembersReassessed);
        var engagement = await factory.Reader().GetAsync("/api/members/UKR/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Equal(EngagementCategory.MightInclude, engagement.Category);
        Assert.Contains("it publishes OCDS data ('Central procurement system' (fresh, data to 2026-10-29, stages: tender, awards, contracts, implementation))", engagement.Explanation, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(engagement.Components, c => c.Name == "ocds-publication").Score);
    }

    [Fact]
    public async Task A_frozen_or_stale_publication_is_a_dip_announced_once()
    {
        await factory.ImportRowAsync("LV0040");
        await factory.ConfirmTagAsync("LV0040", "LVA");
        await factory.ImportRowAsync("KG0009");
        await factory.ConfirmTagAsync("KG0009", "KGZ");

        await ImportAsync(SampleJson()).OkAsync<OcdsImportResponse>();
        await ImportAsync(SampleJson()).OkAsync<OcdsImportResponse>();

        var dips = (await factory.AssessedEventsAsync()).Where(e => e.IsDip).ToList();
        Assert.Equal([("KGZ", EngagementDipKind.PublicationStale), ("LVA", EngagementDipKind.PublicationFrozen)], dips.Select(d => (d.MemberCode, Assert.Single(d.DipKinds))).OrderBy(d => d.MemberCode));
        var latvia = await factory.Reader().GetAsync("/api/members/LVA/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Equal(EngagementCategory.ReadyForMore, latvia.Category);
        Assert.StartsWith("Every OCDS publication is frozen", Assert.Single(latvia.Warnings), StringComparison.Ordinal);
        Assert.Equal(5, Assert.Single(latvia.Publications).Id);
    }

    [Fact]
    public async Task An_import_replaces_the_previous_one_whole()
    {
        await ImportAsync(SampleWithUnmappedNames()).OkAsync<OcdsImportResponse>();

        await ImportAsync("""[{"id": 1, "title": "Prozorro", "country": "Ukraine", "date_to": "2026-11-19"}]""").OkAsync<OcdsImportResponse>();

        var all = await ListAsync();
        Assert.Equal([(1, "Prozorro")], all.Items.Select(p => (p.Id, p.Title)));
    }

    [Theory]
    [InlineData("""[{"id": 1, "country": "Ukraine"}, """, "body")]
    [InlineData("""{"publications": []}""", "body")]
    [InlineData("""[{"id": 1, "country": "Ukraine"}, {"id": 2, "title": "no country"}]""", "[1].country")]
    [InlineData("""[{"id": 1, "country": "Ukraine"}, {"id": 1, "country": "Paraguay"}]""", "[1].id")]
    [InlineData("""[{"id": "one", "country": "Ukraine"}]""", "[0].id")]
    [InlineData("""[{"id": 1, "country": "Ukraine", "date_to": "last week"}]""", "[0].date_to")]
    [InlineData("""[{"id": 1, "country": "Ukraine", "frozen": "no"}]""", "[0].frozen")]
    [InlineData("""[{"id": 1, "country": "Ukraine", "coverage": {"/tender": "many"}}]""", "[0].coverage")]
    public async Task A_malformed_or_invalid_file_is_a_400_naming_the_problem_and_changes_nothing(string json, string field)
    {
        await ImportAsync(SampleJson()).OkAsync<OcdsImportResponse>();

        using var response = await ImportAsync(json);

        Assert.Contains(field, await ProblemAssert.ValidationErrorsAsync(response));
        Assert.Equal(6, (await ListAsync()).Total);
    }

    [Fact]
    public async Task A_file_too_large_is_a_413_and_not_JSON_a_415()
    {
        var large = "[" + string.Join(',', Enumerable.Range(1, 2000).Select(i => $$"""{"id": {{i}}, "country": "Ukraine", "title": "Publication number {{i}}"}""")) + "]";

        await ImportAsync(large).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await ImportAsync("id,country\n1,Ukraine", "text/csv").ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, (await ListAsync()).Total);
    }

    [Fact]
    public async Task On_Kestrel_the_upload_keeps_its_own_limit_above_the_default_body_limit()
    {
        using var host = new EngagementFactory(new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "1024" }, EngagementFactory.RegistryDay);
        host.UseKestrel(0);
        host.StartServer();
        using var admin = host.CreateAdminClient();
        Assert.True(SampleJson().Length > 1024, "the sample must exceed the limit under test");

        var upload = await admin.PostAsync("/api/ocds-publications/imports", new StringContent(SampleJson(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).OkAsync<OcdsImportResponse>();
        using var mandate = await admin.PutAsync("/api/members/GBR/mandate", new StringContent("{\"coalition\": {\"score\": 1, \"note\": \"" + new string('x', 2000) + "\"}}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(6, upload.Publications);
        await mandate.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Only_admins_import_and_a_bad_member_filter_is_a_400()
    {
        await factory.Ocp().PostAsync("/api/ocds-publications/imports", new StringContent(SampleJson(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Forbidden);
        await factory.CreateClient().PostAsync("/api/ocds-publications/imports", new StringContent(SampleJson(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Unauthorized);
        using var filter = await factory.Reader().GetAsync("/api/ocds-publications?member=U1", TestContext.Current.CancellationToken);

        Assert.Equal(["member"], await ProblemAssert.ValidationErrorsAsync(filter));
        Assert.Equal(0, await factory.QueryAsync(db => db.OcdsPublications.CountAsync()));
    }

    public void Dispose() => factory.Dispose();
}
