using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.ActionPlans.Tests;

public sealed class ReadActionPlansTests : IDisposable
{
    private readonly ServiceFactory<Program> factory = new();

    private static RegisterActionPlanRequest Plan(string id, string memberCode, string memberName, int? number, int? submissionYear, int? endYear) => new()
    {
        ActionPlanId = id, MemberCode = memberCode, MemberName = memberName, Number = number, SubmissionYear = submissionYear, EndYear = endYear,
    };

    private static Task<ActionPlanResponse> RegisterAsync(HttpClient client, RegisterActionPlanRequest plan) =>
        client.PostAsJsonAsync("/api/action-plans", plan, TestContext.Current.CancellationToken).OkAsync<ActionPlanResponse>(HttpStatusCode.Created);

    /// <summary>Three plans of two members, registered oldest-but-one first so the order asserted is the endpoint's, not the insertion's.</summary>
    private static async Task RegisterThreePlansAsync(HttpClient client)
    {
        await RegisterAsync(client, Plan("AP_GBR04", "GBR", "United Kingdom", 4, 2019, 2021));
        await RegisterAsync(client, Plan("AP_GBR03", "GBR", "United Kingdom", 3, 2016, 2018));
        await RegisterAsync(client, Plan("AP_FRA02", "fra", "France", 2, 2021, 2023));
    }

    [Fact]
    public async Task Plans_are_listed_newest_submission_first_with_default_paging()
    {
        var client = factory.CreateAdminClient();
        await RegisterThreePlansAsync(client);

        var page = await client.GetAsync("/api/action-plans", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActionPlanResponse>>();

        Assert.Equal((1, 50, 3), (page.Page, page.PageSize, page.Total));
        Assert.Equal(["AP_FRA02", "AP_GBR04", "AP_GBR03"], page.Items.Select(p => p.Id));
        Assert.Equal([2021, 2019, 2016], page.Items.Select(p => p.SubmissionYear));
        var france = page.Items[0];
        Assert.Equal(new { MemberCode = "FRA", MemberName = "France", Number = (int?)2, EndYear = (int?)2023 }, new { france.MemberCode, france.MemberName, france.Number, france.EndYear });
    }

    [Fact]
    public async Task Paging_skips_earlier_pages_and_counts_every_plan()
    {
        var client = factory.CreateAdminClient();
        await RegisterThreePlansAsync(client);

        var first = await client.GetAsync("/api/action-plans?page=1&pageSize=2", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActionPlanResponse>>();
        var second = await client.GetAsync("/api/action-plans?page=2&pageSize=2", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActionPlanResponse>>();
        var beyond = await client.GetAsync("/api/action-plans?page=3&pageSize=2", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActionPlanResponse>>();

        Assert.Equal(["AP_FRA02", "AP_GBR04"], first.Items.Select(p => p.Id));
        Assert.Equal(["AP_GBR03"], second.Items.Select(p => p.Id));
        Assert.Empty(beyond.Items);
        Assert.All([first, second, beyond], p => Assert.Equal((2, 3), (p.PageSize, p.Total)));
        Assert.Equal((1, 2, 3), (first.Page, second.Page, beyond.Page));
    }

    [Theory]
    [InlineData("gbr")]
    [InlineData("GBR")]
    [InlineData(" Gbr ")]
    public async Task The_member_filter_ignores_case(string member)
    {
        var client = factory.CreateAdminClient();
        await RegisterThreePlansAsync(client);

        var page = await client.GetAsync($"/api/action-plans?member={Uri.EscapeDataString(member)}", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActionPlanResponse>>();

        Assert.Equal(2, page.Total);
        Assert.Equal(["AP_GBR04", "AP_GBR03"], page.Items.Select(p => p.Id));
        Assert.All(page.Items, p => Assert.Equal(("GBR", "United Kingdom"), (p.MemberCode, p.MemberName)));
    }

    [Fact]
    public async Task The_largest_page_size_is_accepted()
    {
        var client = factory.CreateAdminClient();
        await RegisterThreePlansAsync(client);

        var page = await client.GetAsync("/api/action-plans?pageSize=200", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActionPlanResponse>>();

        Assert.Equal((200, 3), (page.PageSize, page.Items.Count));
    }

    [Theory]
    [InlineData("/api/action-plans?pageSize=201", "pageSize")]
    [InlineData("/api/action-plans?pageSize=0", "pageSize")]
    [InlineData("/api/action-plans?pageSize=-5", "pageSize")]
    [InlineData("/api/action-plans?page=0", "page")]
    [InlineData("/api/action-plans?page=-1&pageSize=10", "page")]
    [InlineData("/api/members?pageSize=201", "pageSize")]
    [InlineData("/api/members?page=0", "page")]
    public async Task Out_of_range_paging_is_a_400_naming_the_parameter(string url, string parameter)
    {
        var client = factory.CreateAdminClient();

        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal([parameter], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Theory]
    [InlineData("/api/action-plans?page=abc")]
    [InlineData("/api/members?pageSize=1.5")]
    public async Task Non_numeric_paging_is_a_400_problem(string url)
    {
        var client = factory.CreateAdminClient();

        await client.GetAsync(url, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Both_bad_paging_parameters_are_reported_together()
    {
        var client = factory.CreateAdminClient();

        var response = await client.GetAsync("/api/action-plans?page=0&pageSize=500", TestContext.Current.CancellationToken);

        Assert.Equal(["page", "pageSize"], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Fact]
    public async Task One_plan_is_returned_with_its_values()
    {
        var client = factory.CreateAdminClient();
        var before = DateTimeOffset.UtcNow;
        await RegisterAsync(client, Plan("AP_GBR05", "gbr", "United Kingdom", 5, 2021, 2023));

        var plan = await client.GetAsync("/api/action-plans/AP_GBR05", TestContext.Current.CancellationToken).OkAsync<ActionPlanResponse>();

        Assert.Equal(new ActionPlanResponse("AP_GBR05", "GBR", "United Kingdom", 5, 2021, 2023, plan.FirstSeenAt), plan);
        Assert.InRange(plan.FirstSeenAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.Zero, plan.FirstSeenAt.Offset);
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404_problem()
    {
        var client = factory.CreateAdminClient();
        await RegisterAsync(client, Plan("AP_GBR05", "GBR", "United Kingdom", 5, 2021, 2023));

        var problem = await client.GetAsync("/api/action-plans/AP_NOPE01", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(404, problem.Status);
        Assert.Contains("AP_NOPE01", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_are_listed_with_their_plan_counts()
    {
        var client = factory.CreateAdminClient();
        await RegisterThreePlansAsync(client);

        var page = await client.GetAsync("/api/members", TestContext.Current.CancellationToken).OkAsync<PagedResponse<MemberResponse>>();

        Assert.Equal((1, 50, 2), (page.Page, page.PageSize, page.Total));
        Assert.Equal([new MemberResponse("FRA", "France", 1), new MemberResponse("GBR", "United Kingdom", 2)], page.Items);
    }

    [Theory]
    [InlineData("GBR")]
    [InlineData("gbr")]
    public async Task One_member_is_returned_by_its_code_in_any_case(string code)
    {
        var client = factory.CreateAdminClient();
        await RegisterThreePlansAsync(client);

        var member = await client.GetAsync($"/api/members/{code}", TestContext.Current.CancellationToken).OkAsync<MemberResponse>();

        Assert.Equal(new MemberResponse("GBR", "United Kingdom", 2), member);
    }

    [Fact]
    public async Task An_unknown_member_is_a_404_problem()
    {
        var client = factory.CreateAdminClient();
        await RegisterThreePlansAsync(client);

        var problem = await client.GetAsync("/api/members/DEU", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(404, problem.Status);
        Assert.Contains("DEU", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_plan_of_a_member_renames_it_and_keeps_one_member()
    {
        var client = factory.CreateAdminClient();
        await RegisterAsync(client, Plan("AP_GBR04", "GBR", "UK", 4, 2019, 2021));
        await RegisterAsync(client, Plan("AP_GBR05", "gbr", "United Kingdom", 5, 2021, 2023));

        var members = await client.GetAsync("/api/members", TestContext.Current.CancellationToken).OkAsync<PagedResponse<MemberResponse>>();
        var older = await client.GetAsync("/api/action-plans/AP_GBR04", TestContext.Current.CancellationToken).OkAsync<ActionPlanResponse>();

        Assert.Equal(1, members.Total);
        Assert.Equal([new MemberResponse("GBR", "United Kingdom", 2)], members.Items);
        Assert.Equal("United Kingdom", older.MemberName);
    }

    [Theory]
    [InlineData("/api/action-plans")]
    [InlineData("/api/action-plans/AP_GBR05")]
    [InlineData("/api/members")]
    [InlineData("/api/members/GBR")]
    public async Task Anonymous_reads_are_401(string url)
    {
        await RegisterAsync(factory.CreateAdminClient(), Plan("AP_GBR05", "GBR", "United Kingdom", 5, 2021, 2023));
        var client = factory.CreateClient();

        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("United Kingdom", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reader", null, null)]
    [InlineData("liaison", "OGP", null)]
    [InlineData("country-lead", null, "GBR")]
    public async Task Every_role_reads_plans_and_members(string role, string? organisation, string? member)
    {
        await RegisterThreePlansAsync(factory.CreateAdminClient());
        var client = factory.As(role, organisation, member is null ? null : [member]);

        var plans = await client.GetAsync("/api/action-plans", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActionPlanResponse>>();
        var france = await client.GetAsync("/api/members/FRA", TestContext.Current.CancellationToken).OkAsync<MemberResponse>();

        Assert.Equal(3, plans.Total);
        Assert.Equal(new MemberResponse("FRA", "France", 1), france);
    }

    public void Dispose() => factory.Dispose();
}
