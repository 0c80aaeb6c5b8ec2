using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CommitmentTracker.ServiceDefaults.Security;

public static class SecurityExtensions
{
    /// <summary>The default scheme: it picks the scheme that matches the credentials the request carries.</summary>
    public const string SchemeName = "Tracker";

    /// <summary>
    /// Authentication (API key; the gateway's internal token on services behind it; external JWT when
    /// <c>Auth:Jwt:Authority</c> is set) and the policies shared by services and gateway. Every endpoint without a
    /// policy requires an authenticated caller.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeySecurity(this IHostApplicationBuilder builder, InternalIdentity internalIdentity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Configure(options => options.InternalIdentity = internalIdentity)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        var jwt = builder.Configuration.GetSection(AuthOptions.SectionName).GetSection("Jwt").Get<JwtOptions>() ?? new JwtOptions();
        var acceptsInternalToken = internalIdentity == InternalIdentity.Accept;

        var authentication = builder.Services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key, bearer token or forwarded identity", options =>
            {
                options.ForwardDefaultSelector = context =>
                    acceptsInternalToken && context.Request.Headers.ContainsKey(InternalToken.HeaderName) ? InternalTokenAuthenticationHandler.SchemeName
                    : jwt.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName;
                // Every 401 and 403 is the same ProblemDetails, whichever scheme the credentials were for.
                options.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
                options.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (acceptsInternalToken)
        {
            builder.Services.AddSingleton<ForwardedIdentityCache>();
            authentication.AddScheme<AuthenticationSchemeOptions, InternalTokenAuthenticationHandler>(InternalTokenAuthenticationHandler.SchemeName, null);
        }

        if (jwt.Enabled)
        {
            authentication.AddJwtBearer(options => ConfigureExternalJwt(options, jwt));
        }

        builder.Services.AddSingleton<IAuthorizationHandler, MemberScopeHandler>();
        var authenticated = new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Authenticated, authenticated)
            .AddPolicy(Policies.Admin, policy => policy.AddAuthenticationSchemes(SchemeName).RequireRole(Roles.Admin))
            .AddPolicy(Policies.Liaison, policy => policy.AddAuthenticationSchemes(SchemeName).RequireRole(Roles.Liaison, Roles.Admin))
            .AddPolicy(Policies.MemberScope, policy => policy.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser().AddRequirements(new MemberScopeRequirement()))
            .SetDefaultPolicy(authenticated)
            .SetFallbackPolicy(authenticated);
        return builder;
    }

    private static void ConfigureExternalJwt(JwtBearerOptions options, JwtOptions jwt)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidAudience = jwt.Audience;
        if (jwt.SigningKey is { Length: > 0 } signingKey)
        {
            // Tests and development: no metadata to fetch, the issuer is the configured authority.
            options.TokenValidationParameters.ValidIssuer = jwt.Authority;
            options.TokenValidationParameters.IssuerSigningKey = InternalToken.KeyOf(signingKey);
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            options.Authority = jwt.Authority;
        }

        options.Events = new JwtBearerEvents
        {
            // The provider's claim names become the ones every endpoint and policy reads.
            OnTokenValidated = context =>
            {
                if (context.Principal is { } principal)
                {
                    context.Principal = new ClaimsPrincipal(ExternalIdentity(principal, jwt, context.Scheme.Name));
                }

                return Task.CompletedTask;
            },
        };
    }

    internal static ClaimsIdentity ExternalIdentity(ClaimsPrincipal token, JwtOptions jwt, string authenticationType)
    {
        var subject = token.FindFirst("sub")?.Value ?? string.Empty;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, subject),
            new(ClaimTypes.Name, token.FindFirst("name")?.Value ?? subject),
        };
        claims.AddRange(ValuesOf(token, jwt.RoleClaim).Where(Roles.All.Contains).Select(role => new Claim(ClaimTypes.Role, role)));
        if (ValuesOf(token, jwt.OrganisationClaim).FirstOrDefault() is { } organisation)
        {
            claims.Add(new Claim(TrackerClaims.Organisation, organisation.ToUpperInvariant()));
        }

        claims.AddRange(ValuesOf(token, jwt.MemberClaim).Select(code => new Claim(TrackerClaims.Member, code.ToUpperInvariant())));
        return new ClaimsIdentity(claims, authenticationType);
    }

    // A claim may arrive as one value per claim (JSON array) or as one space- or comma-separated string.
    private static IEnumerable<string> ValuesOf(ClaimsPrincipal token, string claimType) =>
        token.FindAll(claimType).SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal);
}
