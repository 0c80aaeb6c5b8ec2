using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>Checks an issued API key; registered only where the key store lives (the embedded host, the gateway).</summary>
public interface IIssuedApiKeys
{
    /// <summary>The key's identity, or null when no live (unrevoked, unexpired) key has this secret.</summary>
    Task<ClaimsIdentity?> AuthenticateAsync(string presentedSecret, string authenticationType, CancellationToken cancellationToken);
}

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header: the bootstrap admin key everywhere, issued keys where the key store lives.
/// It also answers every challenge and denial with ProblemDetails, whichever scheme authenticated the caller.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> authOptions,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = SecurityHeaders.ApiKey;
    public const string BootstrapAdminId = "bootstrap-admin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var bootstrap = authOptions.CurrentValue.BootstrapAdminKey;
        if (bootstrap is not null && FixedTimeEquals(presented, bootstrap))
        {
            var admin = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, BootstrapAdminId), new Claim(ClaimTypes.Name, "bootstrap admin"), new Claim(ClaimTypes.Role, Roles.Admin)],
                SchemeName);
            return Success(admin);
        }

        var issued = Context.RequestServices.GetService<IIssuedApiKeys>();
        var identity = issued is null ? null : await issued.AuthenticateAsync(presented, SchemeName, Context.RequestAborted);
        return identity is null ? AuthenticateResult.Fail("The API key is not valid.") : Success(identity);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        var detail = Request.Headers.ContainsKey(HeaderName) ? "The API key is not valid."
            : Request.Headers.ContainsKey(InternalToken.HeaderName) || Request.Headers.Authorization.Count > 0 ? "The bearer token or forwarded identity is not valid."
            : $"This endpoint needs an API key in the {HeaderName} header.";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "Your roles or member scope do not allow this operation.");
    }

    private static AuthenticateResult Success(ClaimsIdentity identity) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));

    private async Task WriteProblemAsync(int status, string title, string detail) =>
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });

    // Compare hashes so the comparison time depends neither on the key nor on its length. The configured key's hash is
    // computed once (again only when the setting changes), not on every request.
    private static bool FixedTimeEquals(string presented, string expected)
    {
        var known = bootstrapHash;
        if (known is null || !ReferenceEquals(known.Key, expected))
        {
            known = new KeyHash(expected, SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
            bootstrapHash = known;
        }

        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), presentedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, known.Hash);
    }

    private static volatile KeyHash? bootstrapHash;

    private sealed record KeyHash(string Key, byte[] Hash);
}
