using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Testing;

/// <summary>
/// Stands in for issued API keys in a standalone service's tests (the key store lives in the embedded host and the
/// gateway): the <c>X-Test-Principal</c> header names a role, an organisation, a name and member codes
/// (<c>liaison;OGP;alice</c>, <c>country-lead;;bob;BGR,ROU</c>); the test admin key still authenticates as admin.
/// Installed in place of the ApiKey scheme's handler.
/// </summary>
public sealed class TestPrincipalHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Header = "X-Test-Principal";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var principal = Request.Headers[Header].ToString();
        var key = Request.Headers[TestKeys.HeaderName].ToString();
        if (principal.Length > 0)
        {
            var parts = principal.Split(';');
            var claims = new List<Claim> { new(ClaimTypes.Role, parts[0]), new(ClaimTypes.NameIdentifier, parts.Length > 2 ? parts[2] : parts[0]) };
            if (parts.Length > 1 && parts[1].Length > 0)
            {
                claims.Add(new Claim("org", parts[1]));
            }

            if (parts.Length > 3)
            {
                claims.AddRange(parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(code => new Claim("member", code)));
            }

            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name)));
        }

        if (key == TestKeys.Admin)
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "bootstrap-admin"), new Claim(ClaimTypes.Role, "admin")], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }

        return Task.FromResult(key.Length > 0 ? AuthenticateResult.Fail("The API key is not valid.") : AuthenticateResult.NoResult());
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => WriteAsync(StatusCodes.Status401Unauthorized, "Unauthorized");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteAsync(StatusCodes.Status403Forbidden, "Forbidden");

    private async Task WriteAsync(int status, string title)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = new ProblemDetails { Status = status, Title = title } });
    }
}
