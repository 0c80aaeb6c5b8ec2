using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>An identity provider's claim names become the claims every endpoint and policy reads.</summary>
public sealed class ExternalJwtClaimsTests
{
    [Fact]
    public void Configured_claims_map_to_roles_organisation_and_member_scope()
    {
        var token = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "user-7"),
            new Claim("groups", "liaison superuser"),
            new Claim("groups", "country-lead"),
            new Claim("tenant", "ocp"),
            new Claim("countries", "bgr,rou"),
        ]));
        var options = new JwtOptions { RoleClaim = "groups", OrganisationClaim = "tenant", MemberClaim = "countries" };

        var identity = SecurityExtensions.ExternalIdentity(token, options, "Bearer");

        Assert.Equal("user-7", identity.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal([Roles.Liaison, Roles.CountryLead], identity.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal("OCP", identity.FindFirst(TrackerClaims.Organisation)?.Value);
        Assert.Equal(["BGR", "ROU"], identity.FindAll(TrackerClaims.Member).Select(c => c.Value));
    }
}
