using System.Net;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Engagement.Tests;

public sealed class TrackMemberActionPlansTests : IDisposable
{
    private readonly ServiceFactory<Program> factory = new();

    private static ActionPlanImported Plan(string id, string memberCode, string memberName, int? submissionYear) => new()
    {
        ActionPlanId = id,
        MemberCode = memberCode,
        MemberName = memberName,
        Number = 1,
        SubmissionYear = submissionYear,
        EndYear = submissionYear + 2,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Publishes on the service's own in-memory bus and waits until the consumer has handled the message <paramref name="times"/> times.</summary>
    private Task<Guid> PublishAndWaitAsync(ActionPlanImported message, Guid? messageId = null, int times = 1) =>
        factory.Services.GetRequiredService<IBus>().PublishAndWaitAsync(message, messageId, times, cancellationToken: TestContext.Current.CancellationToken);

    private Task<PagedResponse<EngagementMemberResponse>> GetEngagementAsync(string query = "") =>
        factory.CreateAdminClient().GetAsync($"/api/engagement{query}", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementMemberResponse>>();

    [Fact]
    public async Task An_imported_plan_makes_its_member_known_with_one_plan()
    {
        var before = DateTimeOffset.UtcNow;

        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));

        var page = await GetEngagementAsync();
        Assert.Equal((1, 50, 1), (page.Page, page.PageSize, page.Total));
        var member = Assert.Single(page.Items);
        Assert.Equal(new { MemberCode = "GBR", MemberName = "United Kingdom", ActionPlanCount = 1, LatestActionPlanId = (string?)"AP_GBR05" }, new { member.MemberCode, member.MemberName, member.ActionPlanCount, member.LatestActionPlanId });
        Assert.InRange(member.UpdatedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_counts_once()
    {
        var id = Guid.NewGuid();

        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021), id, times: 2);

        var member = Assert.Single((await GetEngagementAsync()).Items);
        Assert.Equal(1, member.ActionPlanCount);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
        Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.MessageId == id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_plan_announced_again_under_a_new_message_id_counts_once()
    {
        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));

        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));

        Assert.Equal(1, Assert.Single((await GetEngagementAsync()).Items).ActionPlanCount);
    }

    [Fact]
    public async Task Plans_of_one_year_are_ordered_by_number_whatever_their_arrival_order()
    {
        var second = Plan("AP_GBR06", "GBR", "United Kingdom (renamed)", 2021) with { Number = 6 };
        var first = Plan("AP_GBR05", "GBR", "United Kingdom", 2021) with { Number = 5 };

        await PublishAndWaitAsync(second);
        await PublishAndWaitAsync(first);

        var member = Assert.Single((await GetEngagementAsync()).Items);
        Assert.Equal(("AP_GBR06", "United Kingdom (renamed)", 2), (member.LatestActionPlanId, member.MemberName, member.ActionPlanCount));
    }

    [Fact]
    public async Task Two_different_plans_of_a_member_count_twice()
    {
        await PublishAndWaitAsync(Plan("AP_GBR04", "GBR", "United Kingdom", 2019));
        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));

        var page = await GetEngagementAsync();
        var member = Assert.Single(page.Items);
        Assert.Equal((2, "AP_GBR05"), (member.ActionPlanCount, member.LatestActionPlanId));
    }

    [Fact]
    public async Task The_latest_plan_is_the_one_with_the_highest_submission_year_whatever_the_arrival_order()
    {
        await PublishAndWaitAsync(Plan("AP_GBR04", "GBR", "United Kingdom", 2019));
        await PublishAndWaitAsync(Plan("AP_GBR02", "GBR", "United Kingdom", 2013));
        var afterOlder = Assert.Single((await GetEngagementAsync()).Items);

        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));
        var afterNewer = Assert.Single((await GetEngagementAsync()).Items);

        await PublishAndWaitAsync(Plan("AP_GBR_UNDATED", "GBR", "United Kingdom", null));
        var afterUndated = Assert.Single((await GetEngagementAsync()).Items);

        Assert.Equal((2, "AP_GBR04"), (afterOlder.ActionPlanCount, afterOlder.LatestActionPlanId));
        Assert.Equal((3, "AP_GBR05"), (afterNewer.ActionPlanCount, afterNewer.LatestActionPlanId));
        Assert.Equal((4, "AP_GBR05"), (afterUndated.ActionPlanCount, afterUndated.LatestActionPlanId));
    }

    [Fact]
    public async Task Members_are_kept_apart_and_listed_by_code_with_paging()
    {
        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));
        await PublishAndWaitAsync(Plan("AP_FRA02", "FRA", "France", 2021));
        await PublishAndWaitAsync(Plan("AP_FRA03", "FRA", "France", 2023));
        await PublishAndWaitAsync(Plan("AP_BRA01", "BRA", "Brazil", 2011));

        var all = await GetEngagementAsync();
        var second = await GetEngagementAsync("?page=2&pageSize=2");

        Assert.Equal(3, all.Total);
        Assert.Equal([("BRA", 1, "AP_BRA01"), ("FRA", 2, "AP_FRA03"), ("GBR", 1, "AP_GBR05")], all.Items.Select(m => (m.MemberCode, m.ActionPlanCount, m.LatestActionPlanId!)));
        Assert.Equal((2, 2, 3), (second.Page, second.PageSize, second.Total));
        Assert.Equal(["GBR"], second.Items.Select(m => m.MemberCode));
    }

    [Fact]
    public async Task The_member_name_follows_the_latest_event()
    {
        await PublishAndWaitAsync(Plan("AP_GBR04", "GBR", "UK", 2019));
        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));

        var member = Assert.Single((await GetEngagementAsync()).Items);
        Assert.Equal("United Kingdom", member.MemberName);
    }

    [Theory]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-3&pageSize=20", "page")]
    public async Task Out_of_range_paging_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var response = await factory.CreateAdminClient().GetAsync($"/api/engagement{query}", TestContext.Current.CancellationToken);

        Assert.Equal([parameter], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    public async Task Without_a_valid_key_engagement_is_401(string? key)
    {
        await PublishAndWaitAsync(Plan("AP_GBR05", "GBR", "United Kingdom", 2021));
        var client = key is null ? factory.CreateClient() : factory.CreateClientWithKey(key);

        using var response = await client.GetAsync("/api/engagement", TestContext.Current.CancellationToken);

        await response.ProblemAsync(HttpStatusCode.Unauthorized); // the status, and a problem (application/problem+json)
        Assert.DoesNotContain("United Kingdom", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
