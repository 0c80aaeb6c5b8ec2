using CommitmentTracker.Client;
using Microsoft.AspNetCore.Antiforgery;
using CommitmentTracker.Web.Localization;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using CommitmentTracker.Web.Components;

namespace CommitmentTracker.Web;

/// <summary>The workspace's endpoints that are not pages. POSTs take form fields, so antiforgery checks each of them.</summary>
internal static class WebEndpoints
{
    public const string CulturePath = "/culture";
    public const string ExportPath = "/search/export";

    public static void MapWebEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => TypedResults.Redirect(WebSession.DefaultPage)).AllowAnonymous().ExcludeFromDescription();

        endpoints.MapPost(WebSession.SignOutPath, async (HttpContext context) =>
        {
            await WebSession.SignOutAsync(context);
            return TypedResults.LocalRedirect($"{WebSession.SignInPath}?signedOut=true");
        }).RequireAuthorization(WebSession.Policy).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        endpoints.MapPost(CulturePath, ([FromForm] string? culture, [FromForm] string? returnUrl, HttpContext context) =>
        {
            if (WebCultures.IsSupported(culture))
            {
                WebCultures.Remember(context.Response, culture!);
            }

            return TypedResults.LocalRedirect(LocalPath(returnUrl));
        }).RequireAuthorization(WebSession.VisitorPolicy).ExcludeFromDescription();

        endpoints.MapPost(OidcSignIn.ChallengePath, ([FromForm] string? returnUrl) =>
            TypedResults.Challenge(new AuthenticationProperties { RedirectUri = WebSession.LocalReturnUrl(returnUrl) }, [WebSession.OidcScheme]))
            .RequireAuthorization(WebSession.VisitorPolicy).ExcludeFromDescription();

        endpoints.MapGet(ExportPath, ExportAsync).RequireAuthorization(WebSession.Policy).ExcludeFromDescription();

        // Any other page a browser asks for: the 404 page in the person's language. The constraint leaves API paths
        // unmatched, so they keep the API's answers (401 without a key, 404 ProblemDetails with one). GET and HEAD only:
        // a catch-all for writes would stand in the way of the API's 405 and 415 answers.
        endpoints.MapMethods($"{{*path:{WebPathConstraint.Name}}}", [HttpMethods.Get, HttpMethods.Head], NotFound)
            .WithOrder(int.MaxValue).RequireAuthorization(WebSession.VisitorPolicy).ExcludeFromDescription();
    }

    /// <summary>The API's CSV or XLSX of a search, fetched as the signed-in person and passed on as a download.</summary>
    internal static async Task<IResult> ExportAsync(
        ICommitmentTrackerApi api, string? format, string? member, string? actionPlan, string? policyArea, string? completion, string? q, CancellationToken cancellationToken)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var stream = await api.ExportCommitmentsAsync(xlsx ? "xlsx" : "csv", Blank(member), Blank(actionPlan), Blank(policyArea), Blank(completion), Blank(q), cancellationToken: cancellationToken);
        return xlsx
            ? TypedResults.Stream(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "commitments.xlsx")
            : TypedResults.Stream(stream, "text/csv; charset=utf-8", "commitments.csv");
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859:Use concrete types when possible for improved performance",
        Justification = "The request delegate generator cannot see the types the Razor compiler makes: the endpoint returns IResult.")]
    private static IResult NotFound() =>
        new RazorComponentResult<App>(new Dictionary<string, object?> { [nameof(App.FailureStatus)] = StatusCodes.Status404NotFound }) { StatusCode = StatusCodes.Status404NotFound };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : WebSession.DefaultPage;
}

/// <summary>Matches workspace paths only (<see cref="WebPaths"/>): the page fallback never takes an API path.</summary>
internal sealed class WebPathConstraint : IRouteConstraint
{
    public const string Name = "webpath";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is not null && WebPaths.IsWeb(httpContext.Request.Path);
}
