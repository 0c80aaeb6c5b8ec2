using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>Services behind the gateway: authenticates the gateway's <see cref="InternalToken"/> in <c>X-Forwarded-Identity</c>.</summary>
internal sealed class InternalTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> authOptions,
    ForwardedIdentityCache validated)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "InternalToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers[InternalToken.HeaderName].ToString();
        if (token.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var signingKey = authOptions.CurrentValue.InternalSigningKey;
        var identity = signingKey is null ? null : await validated.ValidateAsync(token, signingKey, SchemeName);
        return identity is null
            ? AuthenticateResult.Fail("The forwarded identity is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
