using CommitmentTracker.Contracts.Api;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Edge.Keys;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>Settings and helpers to issue keys and mint tokens for the security tests.</summary>
internal static class TestPrincipals
{
    public const string JwtAuthority = "https://identity.test.example/";
    public const string JwtAudience = "commitment-tracker";
    public const string JwtSigningKey = "test-external-jwt-signing-key-0123456789abcdef";

    /// <summary>External JWT switched on, with a symmetric key so no network is needed.</summary>
    public static Dictionary<string, string?> JwtSettings() => new()
    {
        ["Auth:Jwt:Authority"] = JwtAuthority,
        ["Auth:Jwt:Audience"] = JwtAudience,
        ["Auth:Jwt:SigningKey"] = JwtSigningKey,
    };

    public static CreateApiKeyRequest Key(string name, string[] roles, string? organisation = null, string[]? memberScope = null, DateTimeOffset? expiresAt = null) =>
        new(name, roles, organisation, memberScope, expiresAt);

    /// <summary>Issues a key through <c>POST /api/keys</c> with the bootstrap admin key and returns its id and secret.</summary>
    public static async Task<(string Id, string Secret)> IssueKeyAsync<T>(WebApplicationFactory<T> factory, object request)
        where T : class
    {
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add(TestKeys.HeaderName, TestKeys.Admin);
        using var response = await admin.PostAsJsonAsync("/api/keys", request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (body.GetProperty("key").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    public static HttpClient WithKey<T>(WebApplicationFactory<T> factory, string? key)
        where T : class
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(TestKeys.HeaderName, key);
        }

        return client;
    }

    public static HttpClient WithBearer<T>(WebApplicationFactory<T> factory, string token)
        where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token as an external identity provider would sign it, with its own claim names (roles, org, members).</summary>
    public static string ExternalJwt(string subject, string[] roles, string? organisation = null, string[]? members = null, string signingKey = JwtSigningKey, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = roles };
        if (organisation is not null)
        {
            claims["org"] = organisation;
        }

        if (members is not null)
        {
            claims["members"] = members;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtAuthority,
            Audience = JwtAudience,
            IssuedAt = now.AddMinutes(-10),
            NotBefore = now.AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

}
