using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Features.ActionPlans;
using CommitmentTracker.ActionPlans.Features.Members;
using CommitmentTracker.ServiceDefaults.Persistence;

namespace CommitmentTracker.ActionPlans;

/// <summary>The ActionPlans service's pieces, for its own Program and for the embedded host.</summary>
public static class ActionPlansModule
{
    public const string ServiceName = "actionplans";
    public const string ConnectionName = "ActionPlans";

    public static IHostApplicationBuilder AddActionPlans(this IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<ActionPlansDb, SqliteActionPlansDb, SqlServerActionPlansDb>(ConnectionName);

    public static IEndpointRouteBuilder MapActionPlans(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Action plans");
        api.MapRegisterActionPlan();
        api.MapGetActionPlans();
        api.MapGetMembers();
        return endpoints;
    }
}
