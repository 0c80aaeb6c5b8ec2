using System.Net;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Unsubscribe;

/// <summary>
/// The unsubscribe link of every email, usable without logging in: the signed token is the credential.
/// <c>GET</c> shows a page with one button (so a mail scanner that follows links unsubscribes no one);
/// <c>POST</c> (the button, or a mail client's RFC 8058 one-click) switches the subscription off.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static void MapUnsubscribe(this RouteGroupBuilder api)
    {
        api.MapGet("/unsubscribe", Page)
            .AllowAnonymous()
            .WithName("GetUnsubscribePage")
            .WithSummary("The page of an email's unsubscribe link (no login: the token is the credential)")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Security = [];
                return Task.CompletedTask;
            });
        api.MapPost("/unsubscribe", UnsubscribeAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("Unsubscribe")
            .WithSummary("Switch off the subscription of an unsubscribe token (no login: the token is the credential)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Security = [];
                return Task.CompletedTask;
            });
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> Page(string? token, UnsubscribeTokens tokens)
    {
        if (!tokens.TryRead(token, out _))
        {
            return InvalidToken();
        }

        var encoded = WebUtility.HtmlEncode(Uri.EscapeDataString(token!));
        var html = $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Unsubscribe</title></head>
            <body style="font-family:sans-serif">
            <h1>Stop these notifications?</h1>
            <form method="post" action="?token={encoded}"><button type="submit">Unsubscribe</button></form>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    internal static async Task<Results<Ok<UnsubscribeResponse>, ProblemHttpResult>> UnsubscribeAsync(string? token, UnsubscribeTokens tokens, NotificationsDb db, CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(token, out var subscriptionId))
        {
            return InvalidToken();
        }

        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found.", detail: "The subscription of this link was deleted.");
        }

        subscription.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new UnsubscribeResponse(subscription.Id, subscription.Name, subscription.Active));
    }

    private static ProblemHttpResult InvalidToken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The unsubscribe link is not valid.", detail: "Use the link of the email as it is.");
}
