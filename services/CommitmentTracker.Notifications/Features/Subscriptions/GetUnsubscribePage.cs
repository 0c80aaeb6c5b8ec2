using System.Net;
using CommitmentTracker.Notifications.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary>
/// <c>GET /api/unsubscribe?token=</c>: the page an email's unsubscribe link opens, without logging in (the signed token
/// is the credential). It shows one button, so a mail scanner that follows links unsubscribes no one.
/// </summary>
internal static class GetUnsubscribePage
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/unsubscribe", Handle)
            .AllowAnonymous()
            .WithName(nameof(GetUnsubscribePage))
            .WithSummary("The page of an email's unsubscribe link (no login: the token is the credential)")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Security = [];
                return Task.CompletedTask;
            });

    internal static Results<ContentHttpResult, ProblemHttpResult> Handle(string? token, UnsubscribeTokens tokens)
    {
        if (!tokens.TryRead(token, out _))
        {
            return Responses.InvalidUnsubscribeToken();
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
}
