using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>
/// The identity the gateway forwards to a service (distributed mode): a short-lived HMAC-SHA256 JWT in
/// <see cref="HeaderName"/>. Services cannot see the gateway's key store, so they trust this signed statement of who
/// the caller is instead; the short lifetime limits what a token seen in transit is worth.
/// </summary>
public static class InternalToken
{
    public const string HeaderName = "X-Forwarded-Identity";
    public const string Issuer = "commitment-tracker-gateway";
    public const string Audience = "commitment-tracker-services";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // Short claim names inside the token; mapped back to ClaimTypes.* / TrackerClaims.* when read.
    private const string SubjectClaim = "sub";
    private const string NameClaim = "name";
    private const string RoleClaim = "role";

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    // The key, credentials and validation parameters of the last signing key seen: built once, not per request (a new
    // key object per token also defeated the signature-provider cache of Microsoft.IdentityModel).
    private static volatile KeyMaterial? material;

    /// <summary>Signs <paramref name="user"/>'s id, name, roles, organisation and member scope.</summary>
    public static string Create(ClaimsPrincipal user, string signingKey, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new Dictionary<string, object>
        {
            [SubjectClaim] = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            [NameClaim] = user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
            [RoleClaim] = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
            [TrackerClaims.Member] = user.FindAll(TrackerClaims.Member).Select(c => c.Value).ToArray(),
        };
        if (user.FindFirstValue(TrackerClaims.Organisation) is { } organisation)
        {
            claims[TrackerClaims.Organisation] = organisation;
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = utcNow,
            NotBefore = utcNow,
            Expires = utcNow.Add(Lifetime),
            Claims = claims,
            SigningCredentials = MaterialFor(signingKey).Credentials,
        });
    }

    /// <summary>The caller the token names, or null when it is forged, expired, or signed with another key.</summary>
    public static async Task<ClaimsIdentity?> ValidateAsync(string token, string signingKey, string authenticationType)
    {
        var (claims, _) = await ValidateCoreAsync(token, signingKey);
        return claims is null ? null : new ClaimsIdentity(claims, authenticationType);
    }

    /// <summary>The caller's claims and the moment the token stops being valid (its expiry plus the clock skew allowed), or null claims.</summary>
    internal static async Task<(List<Claim>? Claims, DateTime ValidUntil)> ValidateCoreAsync(string token, string signingKey)
    {
        var result = await Handler.ValidateTokenAsync(token, MaterialFor(signingKey).Validation);
        if (!result.IsValid)
        {
            return (null, DateTime.MinValue);
        }

        var claims = new List<Claim>();
        foreach (var claim in result.ClaimsIdentity.Claims)
        {
            switch (claim.Type)
            {
                case SubjectClaim:
                    claims.Add(new Claim(ClaimTypes.NameIdentifier, claim.Value));
                    break;
                case NameClaim:
                    claims.Add(new Claim(ClaimTypes.Name, claim.Value));
                    break;
                case RoleClaim:
                    claims.Add(new Claim(ClaimTypes.Role, claim.Value));
                    break;
                case TrackerClaims.Organisation or TrackerClaims.Member:
                    claims.Add(new Claim(claim.Type, claim.Value));
                    break;
            }
        }

        return (claims, result.SecurityToken.ValidTo.Add(ClockSkew));
    }

    internal static SymmetricSecurityKey KeyOf(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    private static KeyMaterial MaterialFor(string signingKey)
    {
        var current = material;
        if (current is not null && string.Equals(current.SigningKey, signingKey, StringComparison.Ordinal))
        {
            return current;
        }

        var key = KeyOf(signingKey);
        current = new KeyMaterial(
            signingKey,
            new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = ClockSkew,
            });
        material = current;
        return current;
    }

    private sealed record KeyMaterial(string SigningKey, SigningCredentials Credentials, TokenValidationParameters Validation);
}
