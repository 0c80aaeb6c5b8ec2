using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>What each channel's sender makes of a delivery (an email, a webhook body), without sending it.</summary>
public sealed class ChannelSenderTests
{
    private const string Unsubscribe = "https://tracker.example.org/api/unsubscribe?token=abc";
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static readonly Subscription Subscription = new() { Id = Guid.CreateVersion7(), Owner = "lead-bgr", Name = "Bulgaria", Frequency = "daily", Email = "lead@example.org" };

    private static readonly NotificationContent Change = new(
        "commitment-changed", "BGR", "Bulgaria", "BG0039", "AP_BGR05", "Introducing e-procurement", "Commitment BG0039 of AP_BGR05 changed.",
        [new NotificationChange("IRM End of Term Completion", "Limited", "Substantial")], null,
        "https://www.opengovpartnership.org/members/bulgaria/commitments/BG0039/", "https://tracker.example.org/api/commitments/BG0039", At);

    private static Notification Delivery(string kind, object payload) => new()
    {
        Id = 1207, MessageId = Guid.CreateVersion7(), SubscriptionId = Subscription.Id, Subscription = Subscription, Channel = Channels.Email, Kind = kind, MemberCode = "BGR",
        Payload = JsonSerializer.Serialize(payload, FanOut.PayloadJson), Status = DeliveryStatus.Pending,
    };

    private static DigestContent Digest => new(At.AddDays(-1), At, [
        new DigestMemberGroup("BGR", "Bulgaria", [Change, Change with { CommitmentId = "BG0040", Summary = "Commitment BG0040 of AP_BGR05 changed." }]),
        new DigestMemberGroup("ROU", null, [Change with { MemberCode = "ROU", MemberName = null, CommitmentId = "RO0012", Summary = "Commitment RO0012 of AP_ROU05 changed." }]),
    ]);

    [Fact]
    public void A_change_is_an_email_naming_the_commitment_with_an_unsubscribe_link_and_one_click_header()
    {
        using var message = EmailSender.Compose(Delivery("commitment-changed", Change), Subscription, "Tracker <alerts@tracker.example.org>", "lead@example.org", Unsubscribe);

        Assert.Equal("[Commitment Tracker] Commitment changed: BG0039", message.Subject);
        Assert.Equal(("alerts@tracker.example.org", "lead@example.org"), (message.From.Mailboxes.Single().Address, message.To.Mailboxes.Single().Address));
        Assert.StartsWith("A change you follow (subscription \"Bulgaria\"):", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("- IRM End of Term Completion: Limited -> Substantial", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Stop these emails: {Unsubscribe}", message.TextBody, StringComparison.Ordinal);
        Assert.Equal($"<{Unsubscribe}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public void A_digest_is_an_email_counting_its_changes_under_one_heading_per_member()
    {
        using var message = EmailSender.Compose(Delivery(EventKinds.Digest, Digest), Subscription, "alerts@tracker.example.org", "lead@example.org", Unsubscribe);

        Assert.Equal("[Commitment Tracker] 3 change(s) from 2026-11-01 to 2026-11-02", message.Subject);
        Assert.StartsWith("Your daily digest of subscription \"Bulgaria\": 3 change(s), grouped by member.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2>Bulgaria (BGR)</h2>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<h2>ROU</h2>", message.HtmlBody, StringComparison.Ordinal);
        var text = message.TextBody!;
        Assert.True(text.IndexOf("Bulgaria (BGR)", StringComparison.Ordinal) is var bulgaria and >= 0 && text.IndexOf("BG0040", StringComparison.Ordinal) > bulgaria, text);
        Assert.True(text.IndexOf("BG0040", StringComparison.Ordinal) < text.IndexOf("RO0012", StringComparison.Ordinal), text);
    }

    [Fact]
    public void A_change_is_a_webhook_body_with_its_event_and_no_digest()
    {
        var delivery = Delivery("commitment-changed", Change);

        var body = WebhookSender.BodyOf(delivery, At.AddMinutes(1));

        Assert.Equal((1207L, delivery.MessageId, Subscription.Id, "commitment-changed", At.AddMinutes(1)), (body.DeliveryId, body.EventId, body.SubscriptionId, body.Kind, body.SentAt));
        Assert.Equal(Change.CommitmentId, body.Event!.CommitmentId);
        Assert.Equal(Change.Changes, body.Event.Changes);
        Assert.Null(body.Digest);
    }

    [Fact]
    public void A_digest_is_a_webhook_body_with_its_digest_and_no_event()
    {
        var body = WebhookSender.BodyOf(Delivery(EventKinds.Digest, Digest), At);

        Assert.Null(body.Event);
        Assert.Equal(["BGR", "ROU"], body.Digest!.Members.Select(m => m.MemberCode));
        Assert.Equal((At.AddDays(-1), At), (body.Digest.From, body.Digest.To));
    }
}
