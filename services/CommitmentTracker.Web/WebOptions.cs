using Microsoft.Extensions.Options;

namespace CommitmentTracker.Web;

/// <summary>Settings under <c>Web</c>.</summary>
internal sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>
    /// Where the public API answers (the gateway, or the embedded host). Unset in the embedded host: the host's own
    /// listening address. The workspace calls it with the signed-in person's credential, never one of its own.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>The folder of the Data Protection keys that encrypt session cookies and antiforgery tokens; every instance must share it.</summary>
    public string? DataProtectionKeysPath { get; set; }

    /// <summary>How long a session lasts without a request (sliding); a revoked key ends it sooner, at the next request.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open page asks for the header's unread count (a script; without scripts the count is right at each load).</summary>
    public TimeSpan UnreadPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public WebOidcOptions Oidc { get; set; } = new();
}

/// <summary>Settings under <c>Web:Oidc</c>: sign-in with an organisation's OpenID provider (authorization code flow with PKCE).</summary>
internal sealed class WebOidcOptions
{
    /// <summary>The provider's issuer URL; OIDC sign-in is offered only when it is set.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Confidential clients only; a public client uses PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes besides <c>openid</c> and <c>profile</c>, e.g. the API's scope.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The API's resource indicator (RFC 8707), for providers that issue access tokens per resource.</summary>
    public string? Resource { get; set; }

    /// <summary>The name on the sign-in button, e.g. "OGP staff account".</summary>
    public string? DisplayName { get; set; }

    /// <summary>Only for a provider on loopback in development and tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var failures = new List<string>();
        if (options.ApiBaseUrl is { Length: > 0 } api && !IsHttpUrl(api))
        {
            failures.Add("Setting 'Web:ApiBaseUrl' must be an absolute http(s) URL (the gateway, or the embedded host).");
        }

        if (string.IsNullOrWhiteSpace(options.DataProtectionKeysPath))
        {
            failures.Add("Setting 'Web:DataProtectionKeysPath' is required: a folder every instance of the workspace shares (session cookies are encrypted with its keys).");
        }

        if (options.SessionIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add("Setting 'Web:SessionIdleTimeout' must be positive.");
        }

        if (options.UnreadPollInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Setting 'Web:UnreadPollInterval' is at least 1 second, so open pages do not ask the API too often.");
        }

        var oidc = options.Oidc;
        if (oidc.Enabled)
        {
            if (!IsHttpUrl(oidc.Authority!))
            {
                failures.Add("Setting 'Web:Oidc:Authority' must be an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                failures.Add("Setting 'Web:Oidc:ClientId' is required when 'Web:Oidc:Authority' is set.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
