using CommitmentTracker.ServiceDefaults.Security;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>Which events are news, and as which kind: what a subscription's <c>eventKinds</c> filter sees.</summary>
public sealed class EventKindTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly NotificationsFactory factory = new();

    public async ValueTask InitializeAsync() => await factory.KnowAsync(["GBR"]);

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private async Task<List<string>> FeedKindsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications?pageSize=200", Ct))!.Items.Select(i => i.Content.Kind).Reverse()];

    private static EngagementAssessed Assessed(string? previous, string category, bool dip) => new()
    {
        MemberCode = "GBR", PreviousCategory = previous, Category = category, Explanation = "Completion fell.", IsDip = dip, DipReasons = dip ? ["completion falling"] : [], OccurredAt = Events.At,
    };

    [Fact]
    public async Task Every_kind_of_news_reaches_a_subscription_to_all_kinds_and_the_rest_does_not()
    {
        using var admin = factory.CreateAdminClient();
        await factory.SubscribeAsync(admin, new { members = new[] { "GBR" }, channels = new[] { "feed" } });

        await factory.PublishAsync(Events.Plan("GBR"));
        await factory.PublishAsync(new CommitmentAdded { CommitmentId = "UK0098", ActionPlanId = "AP_GBR05", MemberCode = "GBR", Title = "Open contracting", OccurredAt = Events.At });
        await factory.PublishAsync(Events.Changed("UK0098", "GBR"));
        await factory.PublishAsync(new CommitmentRemoved { CommitmentId = "UK0098", ActionPlanId = "AP_GBR05", MemberCode = "GBR", OccurredAt = Events.At });
        await factory.PublishAsync(new TagSuggested { SuggestionId = Guid.NewGuid(), CommitmentId = "UK0098", MemberCode = "GBR", Tag = "open-contracting", Confidence = 0.9, OccurredAt = Events.At });
        await factory.PublishAsync(Events.Tagged("UK0098", "GBR", "open-contracting", TagStatus.Proposed));
        await factory.PublishAsync(Events.Tagged("UK0098", "GBR", "open-contracting", TagStatus.Confirmed));
        await factory.PublishAsync(new CommitmentUntagged { CommitmentId = "UK0098", MemberCode = "GBR", Tag = "open-contracting", OccurredAt = Events.At });
        await factory.PublishAsync(Assessed(EngagementCategory.ReadyForMore, EngagementCategory.FacedProblems, dip: false));
        await factory.PublishAsync(Assessed(EngagementCategory.FacedProblems, EngagementCategory.FacedProblems, dip: true));
        await factory.PublishAsync(Assessed(EngagementCategory.FacedProblems, EngagementCategory.FacedProblems, dip: false)); // no news
        await factory.PublishAsync(new ImportCompleted { ImportId = Guid.NewGuid(), Source = "sheet.csv", Status = "succeeded", OccurredAt = Events.At }); // no news

        Assert.Equal(
            ["action-plan-imported", "commitment-added", "commitment-changed", "commitment-removed", "tag-proposed", "tag-confirmed", "tag-removed", "engagement-category-changed", "engagement-dip"],
            await FeedKindsAsync(admin));
    }

    [Fact]
    public async Task A_dip_that_also_moved_the_category_is_one_notification_heard_by_either_kind()
    {
        using var dips = factory.As(Roles.Admin, id: "dips");
        using var moves = factory.As(Roles.Admin, id: "moves");
        using var tags = factory.As(Roles.Admin, id: "tags");
        await factory.SubscribeAsync(dips, new { members = new[] { "GBR" }, eventKinds = new[] { "engagement-dip" }, channels = new[] { "feed" } });
        await factory.SubscribeAsync(moves, new { members = new[] { "GBR" }, eventKinds = new[] { "engagement-category-changed" }, channels = new[] { "feed" } });
        await factory.SubscribeAsync(tags, new { eventKinds = new[] { "tag-confirmed" }, channels = new[] { "feed" } });

        await factory.PublishAsync(Assessed(EngagementCategory.ReadyForMore, EngagementCategory.FacedProblems, dip: true));

        var dip = Assert.Single((await dips.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct))!.Items);
        var move = Assert.Single((await moves.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct))!.Items);
        Assert.Equal(("engagement-dip", "engagement-dip"), (dip.Content.Kind, move.Content.Kind));
        Assert.Equal([new NotificationChange("Engagement category", "a", "b")], dip.Content.Changes);
        Assert.Empty(await FeedKindsAsync(tags));
    }
}
