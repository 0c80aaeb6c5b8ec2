using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Notifications.Subscriptions;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary><c>POST /api/subscriptions</c>: the caller subscribes; a webhook's signing secret is in this response only.</summary>
internal static class CreateSubscription
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/subscriptions", HandleAsync)
            .WithName(nameof(CreateSubscription))
            .WithSummary("Subscribe to changes of members, tags and event kinds by email, webhook or the in-app feed")
            .WithDescription("Keys with a role of Notifications:SubscriberRoles (admin, country-lead, liaison by default) may subscribe. A country lead names members of its scope. A webhook's signing secret is in this response only. A member the service has not heard of yet is looked up in ActionPlans; if ActionPlans cannot answer, the answer is 503 with Retry-After and nothing is stored.")
            .ProducesValidationProblem()
            .WithValidationTitle(Responses.SubscriptionNotValid)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal static async Task<Results<Created<SubscriptionWithSecretResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateSubscriptionRequest request, ClaimsPrincipal user, NotificationsDb db, SubscriptionRules rules, WebhookSecretProtector secrets,
        IOptions<NotificationsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var subscriberRoles = options.Value.SubscriberRoles;
        if (!subscriberRoles.Any(caller.Roles.Contains))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This key may not subscribe.",
                detail: $"Subscribing needs one of the roles {string.Join(", ", subscriberRoles)} (Notifications:SubscriberRoles).");
        }

        var draft = new SubscriptionDraft(
            request.Name, SubscriptionRules.Codes(request.Members, upper: true), SubscriptionRules.Codes(request.Tags, upper: false),
            SubscriptionRules.Codes(request.EventKinds, upper: false), SubscriptionRules.Codes(request.Channels, upper: false),
            request.Email, request.WebhookUrl, request.Frequency?.Trim().ToLowerInvariant() ?? Frequencies.Immediate, request.DigestHour, request.DigestDay, request.TimeZone);
        var errors = await rules.ValidateAsync(draft, caller, webhookUrlChanged: true, cancellationToken);
        if (errors.Count > 0)
        {
            return Responses.InvalidSubscription(errors);
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
}
