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
            SigningCredentials = new SigningCredentials(KeyOf(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The caller the token names, or null when it is forged, expired, or signed with another key.</summary>
    public static async Task<ClaimsIdentity?> ValidateAsync(string token, string signingKey, string authenticationType)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = KeyOf(signingKey),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(5),
        });
        if (!result.IsValid)
        {
            return null;
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

        return new ClaimsIdentity(claims, authenticationType);
    }

    internal static SymmetricSecurityKey KeyOf(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));
}
