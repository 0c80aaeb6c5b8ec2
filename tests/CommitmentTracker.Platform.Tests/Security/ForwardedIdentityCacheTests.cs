extern alias gateway;

using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Testing;
using ForwardedIdentityIssuer = gateway::CommitmentTracker.Gateway.ForwardedIdentityIssuer;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>
/// The gateway signs a caller's forwarded identity once per half lifetime, and a service checks a token's signature
/// once: neither cache may hand one caller's identity to another, outlive a token, or survive a new signing key.
/// </summary>
public sealed class ForwardedIdentityCacheTests
{
    private const string OtherSigningKey = "another-signing-key-that-is-32-bytes-long!";

    [Fact]
    public void The_gateway_reuses_a_callers_token_for_half_its_lifetime_only()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero));
        var issuer = new ForwardedIdentityIssuer(clock);
        var reader = Caller("key_1", [Roles.Reader]);

        var first = issuer.TokenFor(reader, TestKeys.InternalSigning);
        clock.Now += InternalToken.Lifetime / 2 - TimeSpan.FromSeconds(1);
        Assert.Same(first, issuer.TokenFor(Caller("key_1", [Roles.Reader]), TestKeys.InternalSigning));

        clock.Now += TimeSpan.FromSeconds(1);
        Assert.NotEqual(first, issuer.TokenFor(reader, TestKeys.InternalSigning));
    }

    [Fact]
    public void The_gateway_never_gives_one_callers_token_to_another()
    {
        var issuer = new ForwardedIdentityIssuer(TimeProvider.System);
        var token = issuer.TokenFor(Caller("key_1", [Roles.Reader]), TestKeys.InternalSigning);

        Assert.NotEqual(token, issuer.TokenFor(Caller("key_2", [Roles.Reader]), TestKeys.InternalSigning));
        Assert.NotEqual(token, issuer.TokenFor(Caller("key_1", [Roles.Admin]), TestKeys.InternalSigning));
        Assert.NotEqual(token, issuer.TokenFor(Caller("key_1", [Roles.Reader], members: ["BGR"]), TestKeys.InternalSigning));
        Assert.NotEqual(token, issuer.TokenFor(Caller("key_1", [Roles.Reader]), OtherSigningKey));
    }

    [Fact]
    public async Task A_service_serves_a_checked_token_from_its_cache_with_the_same_identity()
    {
        var cache = new ForwardedIdentityCache();
        var token = InternalToken.Create(Caller("key_1", [Roles.Liaison], "OCP", ["BGR"]), TestKeys.InternalSigning, DateTime.UtcNow);

        var first = await cache.ValidateAsync(token, TestKeys.InternalSigning, "test");
        var second = await cache.ValidateAsync(token, TestKeys.InternalSigning, "test");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotSame(first, second);
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(["key_1", "liaison", "OCP", "BGR"], [first.FindFirst(ClaimTypes.NameIdentifier)!.Value, first.FindFirst(ClaimTypes.Role)!.Value, first.FindFirst(TrackerClaims.Organisation)!.Value, first.FindFirst(TrackerClaims.Member)!.Value]);
    }

    [Fact]
    public async Task A_service_refuses_a_cached_token_under_another_key_and_never_caches_a_bad_one()
    {
        var cache = new ForwardedIdentityCache();
        var token = InternalToken.Create(Caller("key_1", [Roles.Admin]), TestKeys.InternalSigning, DateTime.UtcNow);
        Assert.NotNull(await cache.ValidateAsync(token, TestKeys.InternalSigning, "test"));

        Assert.Null(await cache.ValidateAsync(token, OtherSigningKey, "test"));

        var expired = InternalToken.Create(Caller("key_1", [Roles.Admin]), TestKeys.InternalSigning, DateTime.UtcNow.AddMinutes(-2));
        Assert.Null(await cache.ValidateAsync(expired, TestKeys.InternalSigning, "test"));
        Assert.Null(await cache.ValidateAsync(expired, TestKeys.InternalSigning, "test"));
    }

    private static string Describe(ClaimsIdentity identity) => string.Join(";", identity.Claims.Select(c => $"{c.Type}={c.Value}"));

    private static ClaimsPrincipal Caller(string id, string[] roles, string? organisation = null, string[]? members = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, id) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (organisation is not null)
        {
            claims.Add(new Claim(TrackerClaims.Organisation, organisation));
        }

        claims.AddRange((members ?? []).Select(m => new Claim(TrackerClaims.Member, m)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
