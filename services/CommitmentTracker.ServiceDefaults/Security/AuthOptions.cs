using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>Settings under <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    internal const int MinimumKeyLength = 16;

    /// <summary>The admin key that works from the first start (env <c>Auth__BootstrapAdminKey</c>).</summary>
    public string? BootstrapAdminKey { get; set; }
}

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        options.BootstrapAdminKey is { Length: >= AuthOptions.MinimumKeyLength } key && !string.IsNullOrWhiteSpace(key)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Setting 'Auth:BootstrapAdminKey' (env Auth__BootstrapAdminKey) is required and must be at least {AuthOptions.MinimumKeyLength} characters.");
}
