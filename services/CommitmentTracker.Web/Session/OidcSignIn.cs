using CommitmentTracker.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Refit;

namespace CommitmentTracker.Web.Session;

/// <summary>
/// Sign-in with an organisation's OpenID provider: authorization code flow with PKCE. The access token is what the
/// workspace sends to the API (as a bearer token); who the person is comes from the API's <c>GET /api/me</c> with that
/// token, so roles, organisation and member scope are the API's reading of the token, not the workspace's.
/// </summary>
internal static class OidcSignIn
{
    public const string ChallengePath = "/signin/oidc";

    public static void Configure(OpenIdConnectOptions oidc, WebOidcOptions settings)
    {
        oidc.Authority = settings.Authority;
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.ClientSecret;
        oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.SaveTokens = true;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.SignInScheme = WebSession.Scheme;
        oidc.CallbackPath = "/signin-oidc";
        oidc.Resource = settings.Resource;
        oidc.Scope.Clear();
        oidc.Scope.Add(OpenIdConnectScope.OpenId);
        oidc.Scope.Add(OpenIdConnectScope.OpenIdProfile);
        foreach (var scope in settings.Scopes)
        {
            oidc.Scope.Add(scope);
        }

        // The correlation and nonce cookies live for the round trip to the provider only. The answer comes back as a
        // top-level GET (response_mode=query), so Lax is enough, and a browser keeps a Lax cookie over plain http too.
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = AskTheApiWhoThisIsAsync,
            OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
                    .LogWarning(context.Failure, "Sign-in with the OpenID provider failed: {Reason}", context.Failure?.Message);
                context.Response.Redirect($"{WebSession.SignInPath}?error=oidc");
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }

    private static async Task AskTheApiWhoThisIsAsync(TokenValidatedContext context)
    {
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        if (string.IsNullOrEmpty(accessToken))
        {
            context.Fail("The provider issued no access token for the API.");
            return;
        }

        WebSession.TryCredential(context.HttpContext, ApiCredential.Bearer(accessToken));
        try
        {
            var caller = await context.HttpContext.RequestServices.GetRequiredService<ICommitmentTrackerApi>().GetCallerAsync(context.HttpContext.RequestAborted);
            context.Principal = WebSession.PrincipalOf(caller, WebSession.Scheme);
            context.Properties!.IsPersistent = false;
            // The session lasts no longer than the token the API accepts.
            if (context.TokenEndpointResponse!.ExpiresIn is { Length: > 0 } expiresIn && int.TryParse(expiresIn, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                context.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddSeconds(seconds);
                context.Properties.AllowRefresh = false;
            }
        }
        catch (ApiException refused) when (refused.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            context.Fail("The API does not accept the provider's access token.");
        }
    }
}
