using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Hardening;

/// <summary>Settings under <c>RateLimits</c>: token buckets per caller (the API key id, or the remote IP when anonymous).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Sustained rate of every request of one caller.</summary>
    public int PermitsPerMinute { get; set; } = 6000;

    /// <summary>Requests a caller may send at once before the sustained rate applies.</summary>
    public int Burst { get; set; } = 600;

    /// <summary>A stricter rate for POST, PUT, PATCH and DELETE, on top of the general one; 0 (the default) turns it off.</summary>
    public int WritePermitsPerMinute { get; set; }

    public int WriteBurst { get; set; } = 200;
}

/// <summary>Settings under <c>Limits</c>.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>
    /// Largest request body by default. Endpoints that need more raise it for their own request (the import upload
    /// does, up to <c>Imports:MaxFileBytes</c>; the gateway's imports route sets <c>MaxRequestBodySize</c>).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest URL (path and query) answered; a longer one is 414 ProblemDetails. Kestrel's own line limit is twice this.</summary>
    public int MaxUrlChars { get; set; } = 8 * 1024;

    /// <summary>Largest total of request header names and values; larger is 431 ProblemDetails. Kestrel's own limit is twice this.</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;
}

/// <summary>Settings under <c>Cors</c>: no origin is allowed unless listed.</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    public IList<string> AllowedOrigins { get; } = [];

    // Empty lists mean the defaults below: a configured list replaces them (the binder would append to a pre-filled one).
    public static readonly IReadOnlyList<string> DefaultMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    public static readonly IReadOnlyList<string> DefaultHeaders = ["Content-Type", "Accept", "X-Api-Key", "Authorization", "X-Correlation-Id"];

    public IList<string> AllowedMethods { get; } = [];

    public IList<string> AllowedHeaders { get; } = [];

    /// <summary>Response headers a browser script may read.</summary>
    public IList<string> ExposedHeaders { get; } = [];

    public bool AllowCredentials { get; set; }
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.PermitsPerMinute < 1)
        {
            failures.Add("Setting 'RateLimits:PermitsPerMinute' must be 1 or more.");
        }

        if (options.Burst < 1)
        {
            failures.Add("Setting 'RateLimits:Burst' must be 1 or more.");
        }

        if (options.WritePermitsPerMinute < 0)
        {
            failures.Add("Setting 'RateLimits:WritePermitsPerMinute' must be 0 (off) or more.");
        }

        if (options.WritePermitsPerMinute > 0 && options.WriteBurst < 1)
        {
            failures.Add("Setting 'RateLimits:WriteBurst' must be 1 or more when RateLimits:WritePermitsPerMinute is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class RequestLimitOptionsValidator : IValidateOptions<RequestLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitOptions options) =>
        options.MaxRequestBodyBytes < 1
            ? ValidateOptionsResult.Fail("Setting 'Limits:MaxRequestBodyBytes' must be 1 or more.")
            : options.MaxUrlChars is < 256 or > 64 * 1024
            ? ValidateOptionsResult.Fail("Setting 'Limits:MaxUrlChars' must be between 256 and 65536.")
            : options.MaxHeaderBytes is < 4 * 1024 or > 256 * 1024
            ? ValidateOptionsResult.Fail("Setting 'Limits:MaxHeaderBytes' must be between 4096 and 262144.")
            : ValidateOptionsResult.Success;
}

internal sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
{
    public ValidateOptionsResult Validate(string? name, CorsSettings options)
    {
        var failures = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (origin == "*")
            {
                if (options.AllowCredentials)
                {
                    failures.Add("Setting 'Cors:AllowedOrigins' cannot be '*' when Cors:AllowCredentials is true.");
                }

                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
            {
                failures.Add($"Setting 'Cors:AllowedOrigins' has '{origin}': an origin is scheme://host[:port], without a path, or '*'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
