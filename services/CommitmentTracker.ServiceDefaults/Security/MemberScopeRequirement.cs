using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>The caller may act on the member named by the route value <c>code</c>: admins always, country leads within their scope.</summary>
public sealed class MemberScopeRequirement : IAuthorizationRequirement
{
    public const string RouteValueName = "code";
}

internal sealed class MemberScopeHandler : AuthorizationHandler<MemberScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MemberScopeRequirement requirement)
    {
        if (context.User.IsInRole(Roles.Admin))
        {
            context.Succeed(requirement);
        }
        else if (context.User.IsInRole(Roles.CountryLead)
                 && MemberCodeOf(context.Resource) is { Length: > 0 } code
                 && context.User.FindAll(TrackerClaims.Member).Any(claim => string.Equals(claim.Value, code, StringComparison.OrdinalIgnoreCase)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    // Endpoint routing (services) and YARP (gateway) both authorize with the HttpContext as the resource.
    private static string? MemberCodeOf(object? resource) => resource switch
    {
        HttpContext http => http.Request.RouteValues[MemberScopeRequirement.RouteValueName]?.ToString(),
        _ => null,
    };
}
