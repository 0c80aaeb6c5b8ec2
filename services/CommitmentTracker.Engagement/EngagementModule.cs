using CommitmentTracker.Engagement.Consumers;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Features.Members;
using CommitmentTracker.Engagement.Features;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.ServiceDefaults.Persistence;
using MassTransit;

namespace CommitmentTracker.Engagement;

/// <summary>The Engagement service's pieces, for its own Program and for the embedded host.</summary>
public static class EngagementModule
{
    public const string ServiceName = "engagement";
    public const string ConnectionName = "Engagement";

    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApiExamples(EngagementExamples.Add);
        return builder.AddServiceDatabase<EngagementDb, SqliteEngagementDb, SqlServerEngagementDb>(ConnectionName);
    }

    public static void AddEngagementConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<TrackMemberActionPlansConsumer>();
    }

    public static IEndpointRouteBuilder MapEngagement(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Engagement");
        api.MapGetEngagementMembers();
        return endpoints;
    }
}
