using System.Text;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>How a process takes part in forwarding identities from the gateway to the services (distributed mode).</summary>
public enum InternalIdentity
{
    /// <summary>Neither issues nor accepts the internal token: the embedded host checks issued keys against its own store.</summary>
    None,

    /// <summary>A service behind the gateway: accepts the gateway's internal token (<c>Auth:InternalSigningKey</c> required).</summary>
    Accept,

    /// <summary>The gateway: authenticates callers and issues the internal token (<c>Auth:InternalSigningKey</c> required).</summary>
    Issue,
}

/// <summary>Settings under <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    internal const int MinimumKeyLength = 16;
    internal const int MinimumSigningKeyBytes = 32;

    /// <summary>The admin key that works from the first start (env <c>Auth__BootstrapAdminKey</c>).</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>HMAC-SHA256 key (at least 32 bytes of UTF-8) the gateway signs forwarded identities with and services check them with.</summary>
    public string? InternalSigningKey { get; set; }

    /// <summary>Set by the process (not configuration): whether <see cref="InternalSigningKey"/> is needed.</summary>
    internal InternalIdentity InternalIdentity { get; set; }

    /// <summary>External JWT bearer tokens; the scheme exists only when <see cref="JwtOptions.Authority"/> is set.</summary>
    public JwtOptions Jwt { get; set; } = new();
}

/// <summary>Settings under <c>Auth:Jwt</c>: an external identity provider's bearer tokens.</summary>
public sealed class JwtOptions
{
    /// <summary>The issuer; its OpenID metadata supplies the signing keys unless <see cref="SigningKey"/> is set.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>A symmetric HMAC key instead of the issuer's metadata: for tests and development only (no network needed).</summary>
    public string? SigningKey { get; set; }

    public string RoleClaim { get; set; } = "roles";

    public string OrganisationClaim { get; set; } = "org";

    public string MemberClaim { get; set; } = "members";

    internal bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.BootstrapAdminKey is not { Length: >= AuthOptions.MinimumKeyLength } key || string.IsNullOrWhiteSpace(key))
        {
            failures.Add($"Setting 'Auth:BootstrapAdminKey' (env Auth__BootstrapAdminKey) is required and must be at least {AuthOptions.MinimumKeyLength} characters.");
        }

        var signingKeyBytes = options.InternalSigningKey is null ? 0 : Encoding.UTF8.GetByteCount(options.InternalSigningKey);
        if (options.InternalIdentity != InternalIdentity.None && signingKeyBytes == 0)
        {
            failures.Add("Setting 'Auth:InternalSigningKey' (env Auth__InternalSigningKey) is required by the gateway and by services behind it: the same key everywhere.");
        }
        else if (signingKeyBytes is > 0 and < AuthOptions.MinimumSigningKeyBytes)
        {
            failures.Add($"Setting 'Auth:InternalSigningKey' must be at least {AuthOptions.MinimumSigningKeyBytes} bytes.");
        }

        var jwt = options.Jwt;
        if (jwt.Enabled)
        {
            if (!Uri.TryCreate(jwt.Authority, UriKind.Absolute, out _))
            {
                failures.Add("Setting 'Auth:Jwt:Authority' must be an absolute URL.");
            }

            if (string.IsNullOrWhiteSpace(jwt.Audience))
            {
                failures.Add("Setting 'Auth:Jwt:Audience' is required when 'Auth:Jwt:Authority' is set.");
            }

            if (jwt.SigningKey is { } signingKey && Encoding.UTF8.GetByteCount(signingKey) < AuthOptions.MinimumSigningKeyBytes)
            {
                failures.Add($"Setting 'Auth:Jwt:SigningKey' must be at least {AuthOptions.MinimumSigningKeyBytes} bytes.");
            }

            foreach (var (setting, claim) in new[] { ("RoleClaim", jwt.RoleClaim), ("OrganisationClaim", jwt.OrganisationClaim), ("MemberClaim", jwt.MemberClaim) })
            {
                if (string.IsNullOrWhiteSpace(claim))
                {
                    failures.Add($"Setting 'Auth:Jwt:{setting}' must name a claim.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
