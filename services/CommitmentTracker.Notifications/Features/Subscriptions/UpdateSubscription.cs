using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Notifications.Subscriptions;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary>
/// <c>PATCH /api/subscriptions/{id}</c>: changes the fields present and re-validates the whole subscription;
/// <c>webhookEnabled: true</c> re-enables a webhook disabled after repeated failures.
/// </summary>
internal static class UpdateSubscription
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPatch("/subscriptions/{id:guid}", HandleAsync)
            .WithName(nameof(UpdateSubscription))
            .WithSummary("Change a subscription; webhookEnabled true re-enables a webhook disabled after repeated failures")
            .WithDescription("A member the service has not heard of yet is looked up in ActionPlans; if ActionPlans cannot answer, the answer is 503 with Retry-After and nothing is changed.")
            .ProducesValidationProblem()
            .WithValidationTitle(Responses.SubscriptionNotValid)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal static async Task<Results<Ok<SubscriptionWithSecretResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, UpdateSubscriptionRequest request, ClaimsPrincipal user, NotificationsDb db, SubscriptionRules rules, WebhookSecretProtector secrets, DeliverySignal signal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (await db.Subscriptions.VisibleTo(caller).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return Responses.SubscriptionNotFound(id);
        }

        var channels = request.Channels is null ? subscription.Channels : SubscriptionRules.Codes(request.Channels, upper: false);
        // Leaving a channel drops its address, so a PATCH that only removes a channel does not have to null it too.
        var draft = new SubscriptionDraft(
            request.Name ?? subscription.Name,
            request.Members is null ? subscription.Members : SubscriptionRules.Codes(request.Members, upper: true),
            request.Tags is null ? subscription.Tags : SubscriptionRules.Codes(request.Tags, upper: false),
            request.EventKinds is null ? subscription.EventKinds : SubscriptionRules.Codes(request.EventKinds, upper: false),
            channels,
            channels.Contains(Channels.Email) ? request.Email ?? subscription.Email : request.Email,
            channels.Contains(Channels.Webhook) ? request.WebhookUrl ?? subscription.WebhookUrl : request.WebhookUrl,
            request.Frequency?.Trim().ToLowerInvariant() ?? subscription.Frequency,
            request.DigestHour ?? subscription.DigestHour,
            request.DigestDay ?? subscription.DigestDay?.ToString(),
            request.TimeZone ?? subscription.TimeZone);
        var webhookUrlChanged = draft.WebhookUrl is not null && draft.WebhookUrl != subscription.WebhookUrl;
        var errors = await rules.ValidateAsync(draft, caller, webhookUrlChanged, cancellationToken);
        if (errors.Count > 0)
        {
            return Responses.InvalidSubscription(errors);
        }

        var now = time.GetUtcNow();
        var wasDigest = subscription.Frequency != Frequencies.Immediate;
        SubscriptionRules.Apply(draft, subscription, now);
        if (wasDigest && subscription.Frequency == Frequencies.Immediate)
        {
            // No digest will take what was queued for one: it goes out now, item by item.
            await db.Notifications.Where(n => n.SubscriptionId == subscription.Id && n.Status == DeliveryStatus.Queued)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, DeliveryStatus.Pending).SetProperty(n => n.NextAttemptAt, now.UtcDateTime), cancellationToken);
        }

        string? secret = null;
        if (subscription.Channels.Contains(Channels.Webhook) && subscription.WebhookSecret is null)
        {
            secret = WebhookSignature.NewSecret();
            subscription.WebhookSecret = secrets.Protect(secret, subscription.Id);
        }

        if (request.Active is { } active)
        {
            subscription.Active = active;
        }

        if (request.WebhookEnabled is true || webhookUrlChanged)
        {
            subscription.WebhookDisabledAt = null;
            subscription.WebhookConsecutiveFailures = 0;
        }
        else if (request.WebhookEnabled is false)
        {
            subscription.WebhookDisabledAt ??= now.UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return TypedResults.Ok(new SubscriptionWithSecretResponse(subscription.ToResponse(), secret));
    }
}
