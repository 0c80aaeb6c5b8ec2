using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Delivery;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>A digest's content and identity, without a database.</summary>
public sealed class DigestBuilderTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(1);

    private static NotificationContent Change(string? member, string? memberName, string commitment, int hour) => new(
        "commitment-changed", member, memberName, commitment, null, null, $"{commitment} changed.", [], null, null, null, From.AddHours(hour));

    [Fact]
    public void Changes_are_grouped_by_member_in_code_order_each_group_in_the_order_they_happened()
    {
        var digest = DigestBuilder.Compose(From, To,
        [
            Change("ROU", "Romania", "RO0012", 3), Change("BGR", null, "BG0040", 6), Change("BGR", "Bulgaria", "BG0039", 1), Change(null, null, "XX0001", 2),
        ]);

        Assert.Equal((From, To), (digest.From, digest.To));
        Assert.Equal(["-", "BGR", "ROU"], digest.Members.Select(m => m.MemberCode));
        Assert.Equal([null, "Bulgaria", "Romania"], digest.Members.Select(m => m.MemberName));
        Assert.Equal(["BG0039", "BG0040"], digest.Members[1].Changes.Select(c => c.CommitmentId));
    }

    [Fact]
    public void An_empty_period_is_a_digest_without_members()
    {
        Assert.Empty(DigestBuilder.Compose(From, To, []).Members);
    }

    [Fact]
    public void A_digest_id_is_the_same_for_one_subscription_and_time_and_differs_otherwise()
    {
        var subscription = Guid.CreateVersion7();
        var dueAt = To.UtcDateTime;

        Assert.Equal(DigestBuilder.DigestId(subscription, dueAt), DigestBuilder.DigestId(subscription, dueAt));
        Assert.NotEqual(DigestBuilder.DigestId(subscription, dueAt), DigestBuilder.DigestId(subscription, dueAt.AddDays(1)));
        Assert.NotEqual(DigestBuilder.DigestId(subscription, dueAt), DigestBuilder.DigestId(Guid.CreateVersion7(), dueAt));
    }
}
