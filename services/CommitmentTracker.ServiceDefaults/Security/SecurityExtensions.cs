using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Security;

public static class SecurityExtensions
{
    /// <summary>API-key authentication and the policies; every endpoint without a policy requires an authenticated caller.</summary>
    public static IHostApplicationBuilder AddApiKeySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        builder.Services
            .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var authenticated = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Authenticated, authenticated)
            .AddPolicy(Policies.Admin, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(Roles.Admin))
            .SetDefaultPolicy(authenticated)
            .SetFallbackPolicy(authenticated);
        return builder;
    }
}
