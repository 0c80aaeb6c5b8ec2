using System.Net;
using CommitmentTracker.ActionPlans.Tests.Importing;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.ActionPlans.Tests.Commitments;

/// <summary>The commitment list's filters, sorting and paging over the real sample (SQLite).</summary>
public sealed class CommitmentQueryTests(CommitmentQueryCases.Imported imported)
    : CommitmentQueryCases(imported), IClassFixture<CommitmentQueryCases.Imported>;

/// <summary>The same on PostgreSQL, whose LIKE is case-sensitive and whose collation orders the sort.</summary>
public sealed class CommitmentQueryOnPostgresTests(CommitmentQueryCases.ImportedOnPostgres imported)
    : CommitmentQueryCases(imported), IClassFixture<CommitmentQueryCases.ImportedOnPostgres>;

/// <summary>The commitment list's filters, sorting and paging over the real sample.</summary>
public abstract class CommitmentQueryCases
{
    private readonly HttpClient client;

    protected CommitmentQueryCases(Imported imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        client = imported.Factory.CreateAdminClient();
    }

    /// <summary>One service on PostgreSQL with the sample imported.</summary>
    public sealed class ImportedOnPostgres() : Imported(TestDatabase.Postgres);

    /// <summary>One service with the sample imported, shared by the read-only tests below.</summary>
    public class Imported : IAsyncLifetime
    {
        public Imported()
            : this(TestDatabase.Sqlite)
        {
        }

        protected Imported(TestDatabase database) => Factory = new(database: database);

        internal ServiceFactory<Program> Factory { get; }

        public async ValueTask InitializeAsync()
        {
            var job = await ImportClient.ImportAsync(Factory.CreateAdminClient(), SampleSheet.Bytes);
            Assert.Equal("succeeded", job.Status);
        }

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var page = await client.GetAsync("/api/commitments?pageSize=200&" + query, TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>();
        Assert.Equal(page.Total, page.Items.Count);
        return [.. page.Items.Select(c => c.Id)];
    }

    [Fact]
    public async Task Without_filters_every_commitment_is_listed_by_id()
    {
        var ids = await IdsAsync(string.Empty);

        Assert.Equal(20, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Member_and_plan_filters_are_case_insensitive()
    {
        Assert.Equal(["MW0006", "MW0010"], await IdsAsync("member=mwi"));
        Assert.Equal(["SCO0006"], await IdsAsync("actionPlan=ap_gbsc02"));
    }

    [Fact]
    public async Task The_policy_area_filter_takes_the_sheet_name_or_its_slug()
    {
        var byName = await IdsAsync("policyArea=Open%20Contracting");
        var bySlug = await IdsAsync("policyArea=open-contracting");

        Assert.Equal(["HR0006", "KG0009", "LV0040", "MN0045", "MW0006", "PNG0006", "RO0018", "SL0033", "UK0098", "XK0011"], byName);
        Assert.Equal(byName, bySlug);
        Assert.Equal(18, (await IdsAsync("policyArea=public-procurement")).Count);
    }

    [Fact]
    public async Task The_completion_filter_uses_the_latest_IRM_completion()
    {
        Assert.Equal(["AL0002", "BG0039", "GT0106", "KG0009", "SCO0001"], await IdsAsync("completion=Substantial"));
        Assert.Equal(["MW0006", "MW0010", "SL0033", "UK0098", "XK0011"], await IdsAsync("completion=NR"));
    }

    [Fact]
    public async Task Q_searches_title_short_title_and_full_text_case_insensitively()
    {
        var procurement = await IdsAsync("q=PROCUREMENT");

        Assert.Equal(15, procurement.Count);
        Assert.DoesNotContain("AL0002", procurement);
        Assert.Equal(["AL0002"], await IdsAsync("q=e-Acts"));
        Assert.Empty(await IdsAsync("q=100%25"));
    }

    [Fact]
    public async Task Filters_combine()
    {
        Assert.Equal(["MN0045"], await IdsAsync("policyArea=open-contracting&completion=limited&q=mining"));
    }

    [Fact]
    public async Task Sorting_by_title_descending_and_by_start_date()
    {
        var page = await client.GetAsync("/api/commitments?sort=-title&pageSize=200", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>();
        Assert.Equal(page.Items.Select(c => c.Title).OrderDescending(StringComparer.Ordinal), page.Items.Select(c => c.Title));
        var byStart = await IdsAsync("sort=-startDate&member=GBSC");
        Assert.Equal(["SCO0006", "SCO0001"], byStart);
    }

    [Fact]
    public async Task Paging_splits_the_list_and_counts_every_match()
    {
        var first = await client.GetAsync("/api/commitments?pageSize=7", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>();
        var third = await client.GetAsync("/api/commitments?pageSize=7&page=3", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>();

        Assert.Equal((7, 20), (first.Items.Count, first.Total));
        Assert.Equal(6, third.Items.Count);
        Assert.Empty((await client.GetAsync("/api/commitments?page=9", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>()).Items);
    }

    [Theory]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("policyArea=basket-weaving", "policyArea")]
    [InlineData("sort=colour", "sort")]
    public async Task Bad_queries_are_400_naming_the_parameter(string query, string parameter)
    {
        var response = await client.GetAsync("/api/commitments?" + query, TestContext.Current.CancellationToken);

        Assert.Equal([parameter], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Fact]
    public async Task A_search_longer_than_200_characters_is_400()
    {
        var response = await client.GetAsync("/api/commitments?q=" + new string('x', 201), TestContext.Current.CancellationToken);

        Assert.Equal(["q"], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Fact]
    public async Task A_summary_carries_member_name_policy_areas_and_completion()
    {
        var page = await client.GetAsync("/api/commitments?member=BGR", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>();

        var bg = Assert.Single(page.Items);
        Assert.Equal(("BG0039", "Bulgaria", "substantial", "Public Procurement Agency"), (bg.Id, bg.MemberName, bg.Completion, bg.LeadInstitution));
        Assert.Contains("Public Procurement", bg.PolicyAreas);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/action-plans?member=BGR", TestContext.Current.CancellationToken)).StatusCode);
    }
}
