using CommitmentTracker.ServiceDefaults.Security;
using System.Security.Claims;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary>
/// <c>POST/GET /api/subscriptions</c>, <c>GET/PATCH/DELETE /api/subscriptions/{id}</c> and
/// <c>POST /api/subscriptions/{id}/test</c>. A subscription belongs to the caller's key; admins see every one, others
/// only theirs (someone else's is a 404, as if it did not exist).
/// </summary>
internal static class SubscriptionsEndpoints
{
    public static void MapSubscriptions(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions", CreateAsync)
            .WithName("CreateSubscription")
            .WithSummary("Subscribe to changes of members, tags and event kinds by email, webhook or the in-app feed")
            .WithDescription("Keys with a role of Notifications:SubscriberRoles (admin, country-lead, liaison by default) may subscribe. A country lead names members of its scope. A webhook's signing secret is in this response only.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/subscriptions", ListAsync)
            .WithName("ListSubscriptions")
            .WithSummary("List the caller's subscriptions (an admin's: every subscription)")
            .ProducesValidationProblem();
        api.MapGet("/subscriptions/{id:guid}", GetAsync)
            .WithName("GetSubscription")
            .WithSummary("Show a subscription")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/subscriptions/{id:guid}", UpdateAsync)
            .WithName("UpdateSubscription")
            .WithSummary("Change a subscription; webhookEnabled true re-enables a webhook disabled after repeated failures")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/subscriptions/{id:guid}", DeleteAsync)
            .WithName("DeleteSubscription")
            .WithSummary("Delete a subscription and its deliveries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/subscriptions/{id:guid}/test", TestAsync)
            .WithName("TestSubscription")
            .WithSummary("Send a sample notification on every channel of a subscription")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Created<SubscriptionWithSecretResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSubscriptionRequest request, ClaimsPrincipal user, NotificationsDb db, SubscriptionRules rules, WebhookSecretProtector secrets, IOptions<NotificationsOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!options.Value.SubscriberRoles.Any(user.IsInRole))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This key may not subscribe.",
                detail: $"Subscribing needs one of the roles {string.Join(", ", options.Value.SubscriberRoles)} (Notifications:SubscriberRoles).");
        }

        var draft = new SubscriptionDraft(
            request.Name, SubscriptionRules.Codes(request.Members, upper: true), SubscriptionRules.Codes(request.Tags, upper: false),
            SubscriptionRules.Codes(request.EventKinds, upper: false), SubscriptionRules.Codes(request.Channels, upper: false),
            request.Email, request.WebhookUrl, request.Frequency?.Trim().ToLowerInvariant() ?? Frequencies.Immediate, request.DigestHour, request.DigestDay, request.TimeZone);
        var errors = await rules.ValidateAsync(draft, caller, webhookUrlChanged: true, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The subscription is not valid.");
        }

        var now = time.GetUtcNow();
        var subscription = new Subscription { Id = Guid.CreateVersion7(), Owner = caller.Id, Frequency = draft.Frequency, CreatedAt = now.UtcDateTime };
        SubscriptionRules.Apply(draft, subscription, now);
        string? secret = null;
        if (subscription.Channels.Contains(Channels.Webhook))
        {
            secret = WebhookSignature.NewSecret();
            subscription.WebhookSecret = secrets.Protect(secret, subscription.Id);
        }

        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", new SubscriptionWithSecretResponse(subscription.ToResponse(), secret));
    }

    internal static async Task<Results<Ok<PagedResponse<SubscriptionResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, NotificationsDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var caller = Caller.From(user);
        var query = db.Subscriptions.AsNoTracking().Where(s => caller.IsAdmin || s.Owner == caller.Id);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<SubscriptionResponse>([.. items.Select(s => s.ToResponse())], paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, NotificationsDb db, CancellationToken cancellationToken) =>
        await FindAsync(db, id, Caller.From(user), cancellationToken) is { } subscription ? TypedResults.Ok(subscription.ToResponse()) : NotFound(id);

    internal static async Task<Results<Ok<SubscriptionWithSecretResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateSubscriptionRequest request, ClaimsPrincipal user, NotificationsDb db, SubscriptionRules rules, WebhookSecretProtector secrets, DeliverySignal signal,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (await FindAsync(db, id, caller, cancellationToken) is not { } subscription)
        {
            return NotFound(id);
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
            return TypedResults.ValidationProblem(errors, title: "The subscription is not valid.");
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

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, NotificationsDb db, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, Caller.From(user), cancellationToken) is not { } subscription)
        {
            return NotFound(id);
        }

        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Accepted<TestSubscriptionResponse>, ProblemHttpResult>> TestAsync(
        Guid id, ClaimsPrincipal user, NotificationsDb db, NotificationContentFactory contents, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, Caller.From(user), cancellationToken) is not { } subscription)
        {
            return NotFound(id);
        }

        if (!subscription.Active)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The subscription is not active.", detail: "Activate it (PATCH active: true) to test it.");
        }

        var now = time.GetUtcNow();
        var member = subscription.Members.FirstOrDefault() ?? "BGR";
        var sample = new NotificationContent(
            EventKinds.Test, member, null, "BG0039", "AP_BGR05", "Introducing e-procurement",
            "A test of your subscription: this is what a commitment change looks like.",
            [new NotificationChange("IRM End of Term Completion", "Limited", "Substantial")], null,
            "https://www.opengovpartnership.org/members/bulgaria/commitments/BG0039/", contents.TrackerUrl("BG0039"), now);
        var payload = JsonSerializer.Serialize(sample, FanOut.PayloadJson);
        var messageId = Guid.CreateVersion7();
        var deliveries = subscription.Channels
            .Select(channel => FanOut.New(messageId, subscription.Id, channel, EventKinds.Test, member, payload, now.UtcDateTime, forDigest: false))
            .ToList();
        db.Notifications.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return TypedResults.Accepted($"/api/deliveries?subscription={subscription.Id}", new TestSubscriptionResponse([.. deliveries.Select(d => d.ToDeliveryResponse())]));
    }

    private static Task<Subscription?> FindAsync(NotificationsDb db, Guid id, Caller caller, CancellationToken cancellationToken) =>
        db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id && (caller.IsAdmin || s.Owner == caller.Id), cancellationToken);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found.", detail: $"You have no subscription {id}.");
}
