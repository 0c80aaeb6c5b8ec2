using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Notifications.Features;

/// <summary>Example bodies for the OpenAPI document: Bulgaria's country lead following its e-procurement commitment.</summary>
internal static class NotificationsExamples
{
    private static readonly DateTimeOffset Changed = new(2026, 11, 2, 9, 30, 14, TimeSpan.Zero);
    private static readonly Guid SubscriptionId = Guid.Parse("0193a6f4-2e51-7d9f-b3c6-7a1f0e4d8c21");
    private static readonly Guid EventId = Guid.Parse("0193a6f2-8d40-7c11-a2b5-3e9d7f60c1a8");

    public static void Add(OpenApiExamples examples)
    {
        var subscription = new SubscriptionResponse(
            SubscriptionId, "key_3f9a1c7e5b2d8046", "Bulgaria, open contracting", ["BGR"], ["open-contracting"], [], ["email", "webhook", "feed"],
            "lead@example.org", "https://hooks.example.org/commitment-tracker", "daily", 8, null, "Europe/Sofia", true, true, 0,
            new DateTimeOffset(2026, 11, 3, 6, 0, 0, TimeSpan.Zero), Changed.AddDays(-30));
        var change = new NotificationContent(
            "commitment-changed", "BGR", "Bulgaria", "BG0039", "AP_BGR02", "Introducing e-procurement",
            "Commitment BG0039 of AP_BGR02 changed: IRM End of Term Completion.",
            [new NotificationChange("IRM End of Term Completion", "Limited", "Substantial")], null,
            "https://www.opengovpartnership.org/members/bulgaria/commitments/BG0039/", "https://tracker.example.org/api/commitments/BG0039", Changed);
        var delivery = new DeliveryResponse(1207, EventId, SubscriptionId, "webhook", "commitment-changed", "BGR", "failed", 2, Changed.AddMinutes(1),
            "HttpRequestException: The webhook answered 503 Service Unavailable.", Changed, null);

        examples
            .Add(new PagedResponse<ActivityEntryResponse>(
                [new ActivityEntryResponse(
                    1042, EventId, "commitment-changed", "BGR",
                    "Commitment BG0039 of Bulgaria changed: IRM End of Term Completion Limited → Substantial.",
                    Changed, Changed.AddSeconds(1), "3f1c8e0a9b7d4c52a1e6f0d2b4c8a7e9", "4bf92f3577b34da6a3ce929d0e0e4736")],
                1, 50, 1))
            .Add(new CreateSubscriptionRequest(
                "Bulgaria, open contracting", ["BGR"], ["open-contracting"], null, ["email", "webhook", "feed"], "lead@example.org",
                "https://hooks.example.org/commitment-tracker", "daily", 8, null, "Europe/Sofia"))
            .Add(new UpdateSubscriptionRequest(null, null, null, ["commitment-changed", "tag-confirmed", "engagement-dip"], null, null, null, "weekly", 8, "monday", null, null, true))
            .Add(subscription)
            .Add(new SubscriptionWithSecretResponse(subscription, "whsec_q8Vd0k3H2mT5xYb7NwZr1cLp9sFjGe4AaUo6iKy_E0I"))
            .Add(new PagedResponse<SubscriptionResponse>([subscription], 1, 50, 1))
            .Add(new NotificationResponse(3310, SubscriptionId, change, Changed.AddSeconds(1), null))
            .Add(new MarkNotificationsReadRequest(3310))
            .Add(new MarkedNotificationsReadResponse(4))
            .Add(new PagedResponse<NotificationResponse>([new NotificationResponse(3310, SubscriptionId, change, Changed.AddSeconds(1), null)], 1, 50, 1))
            .Add(delivery)
            .Add(new PagedResponse<DeliveryResponse>([delivery], 1, 50, 1))
            .Add(new TestSubscriptionResponse([delivery with { Id = 1210, Kind = "test", Status = "pending", Attempts = 0, LastError = null, NextAttemptAt = Changed, Channel = "email" }]))
            .Add(new UnsubscribeResponse(SubscriptionId, "Bulgaria, open contracting", false));
    }
}
