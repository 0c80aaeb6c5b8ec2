using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CommitmentTracker.Web.Session;

/// <summary>
/// The person's session: an encrypted cookie (Data Protection) holding who the API says they are (<c>GET /api/me</c>)
/// and the credential the workspace calls the API with on their behalf. The API key scheme never reads it, and it never
/// authenticates an <c>/api</c> call: pages only.
/// </summary>
internal static class WebSession
{
    public const string Scheme = "WebSession";
    public const string OidcScheme = "WebOidc";
    public const string Policy = "web-session";

    /// <summary>Anyone, with the session read when there is one (the layout shows who is signed in; antiforgery tokens match it).</summary>
    public const string VisitorPolicy = "web-visitor";
    public const string CookieName = "ct.session";
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string DefaultPage = "/countries";

    private const string ApiKeyToken = "ct_api_key";
    private const string AccessToken = "access_token";
    private static readonly object SignInCredentialKey = new();
    private static readonly object SessionCredentialKey = new();

    /// <summary>The principal a page sees: the claims the API reads, from the API's own answer.</summary>
    public static ClaimsPrincipal PrincipalOf(CallerResponse caller, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, caller.Id), new(ClaimTypes.Name, caller.Name) };
        claims.AddRange(caller.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        if (caller.Organisation is { } organisation)
        {
            claims.Add(new Claim(TrackerClaims.Organisation, organisation));
        }

        claims.AddRange(caller.Members.Select(code => new Claim(TrackerClaims.Member, code)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Starts a session for a person who signed in with an API key; the key is kept only inside the encrypted cookie.</summary>
    public static Task SignInWithKeyAsync(HttpContext context, CallerResponse caller, string apiKey)
    {
        var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };
        properties.StoreTokens([new AuthenticationToken { Name = ApiKeyToken, Value = apiKey }]);
        return context.SignInAsync(Scheme, PrincipalOf(caller, Scheme), properties);
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>
    /// Reads the session's credential once per request, before a page makes its (possibly parallel) API calls; the
    /// authentication handlers of a request are not meant to be called concurrently.
    /// </summary>
    public static async Task LoadCredentialAsync(HttpContext context)
    {
        var session = await context.AuthenticateAsync(Scheme);
        if (session.Succeeded)
        {
            var credential = session.Properties.GetTokenValue(ApiKeyToken) is { Length: > 0 } key ? ApiCredential.ApiKey(key)
                : session.Properties.GetTokenValue(AccessToken) is { Length: > 0 } token ? ApiCredential.Bearer(token)
                : null;
            if (credential is not null)
            {
                context.Items[SessionCredentialKey] = credential;
            }
        }
    }

    /// <summary>The credential of this request: the one being tried at sign-in, else the session's.</summary>
    public static ApiCredential? Credential(HttpContext context) =>
        context.Items.TryGetValue(SignInCredentialKey, out var trying) && trying is ApiCredential tried ? tried
        : context.Items.TryGetValue(SessionCredentialKey, out var loaded) && loaded is ApiCredential session ? session
        : null;

    /// <summary>Makes the API calls of this request use <paramref name="credential"/> (sign-in, before any session exists).</summary>
    public static void TryCredential(HttpContext context, ApiCredential credential) => context.Items[SignInCredentialKey] = credential;

    public static bool IsTryingCredential(HttpContext context) => context.Items.ContainsKey(SignInCredentialKey);

    /// <summary>A local path to go back to after sign-in; anything else (another host, //evil, \\evil) is the countries page.</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Relative, out _) && !url.StartsWith(SignInPath, StringComparison.OrdinalIgnoreCase)
            ? url
            : DefaultPage;

    public static CookieAuthenticationOptions Configure(CookieAuthenticationOptions cookie, WebOptions options)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.IsEssential = true;
        cookie.LoginPath = SignInPath;
        cookie.LogoutPath = SignOutPath;
        cookie.AccessDeniedPath = SignInPath;
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.ExpireTimeSpan = options.SessionIdleTimeout;
        cookie.SlidingExpiration = true;
        // A relative redirect: behind the gateway the host this process sees is not the one the person typed.
        cookie.Events.OnRedirectToLogin = context =>
        {
            var here = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{SignInPath}?returnUrl={Uri.EscapeDataString(here)}");
            return Task.CompletedTask;
        };
        return cookie;
    }
}
