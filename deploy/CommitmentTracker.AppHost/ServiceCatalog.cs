namespace CommitmentTracker.AppHost;

/// <summary>One .NET process kind of the distributed mode: where its build output is and what its database is called.</summary>
/// <param name="Name">The resource name and the gateway's cluster id.</param>
/// <param name="ProjectDirectory">Relative to the repository root.</param>
/// <param name="Assembly">The assembly (and dll) name.</param>
/// <param name="ConnectionName">Its <c>ConnectionStrings</c> key, or null for the web workspace (no database).</param>
internal sealed record ServiceSpec(string Name, string ProjectDirectory, string Assembly, string? ConnectionName)
{
    public string DllPath(LocalSettings settings) =>
        Path.Combine(settings.RepositoryRoot, ProjectDirectory, "bin", settings.Configuration, "net10.0", Assembly + ".dll");
}

internal static class ServiceCatalog
{
    /// <summary>The four services, in the order their ports follow the gateway's.</summary>
    public static readonly IReadOnlyList<ServiceSpec> Services =
    [
        new("actionplans", "services/CommitmentTracker.ActionPlans", "CommitmentTracker.ActionPlans", "ActionPlans"),
        new("tagging", "services/CommitmentTracker.Tagging", "CommitmentTracker.Tagging", "Tagging"),
        new("engagement", "services/CommitmentTracker.Engagement", "CommitmentTracker.Engagement", "Engagement"),
        new("notifications", "services/CommitmentTracker.Notifications", "CommitmentTracker.Notifications", "Notifications"),
    ];

    public static readonly ServiceSpec Web = new("web", "services/CommitmentTracker.Web", "CommitmentTracker.Web", null);

    public static readonly ServiceSpec Gateway = new("gateway", "gateway/CommitmentTracker.Gateway", "CommitmentTracker.Gateway", "ApiKeys");

    /// <summary>The resource name of an instance: the service's own name when it runs once, name-1…name-N otherwise.</summary>
    public static string InstanceName(string service, int instance, int replicas) =>
        replicas == 1 ? service : $"{service}-{instance}";
}
