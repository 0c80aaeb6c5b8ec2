using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Consumers;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Features;
using CommitmentTracker.Engagement.Features.Mandate;
using CommitmentTracker.Engagement.Features.Members;
using CommitmentTracker.Engagement.Features.Ocds;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.Messaging;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.OpenApi;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement;

/// <summary>The Engagement service's pieces, for its own Program and for the embedded host.</summary>
public static class EngagementModule
{
    public const string ServiceName = "engagement";
    public const string ConnectionName = "Engagement";

    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        builder.Services.AddOpenApiExamples(EngagementExamples.Add);
        builder.Services.AddOptions<EngagementOptions>().BindConfiguration(EngagementOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EngagementOptions>, EngagementOptionsValidator>();
        builder.Services.AddSingleton(sp => new EngagementRules(sp.GetRequiredService<IOptions<EngagementOptions>>().Value));
        builder.Services.AddSingleton<CountryNames>();
        builder.Services.AddScoped<EngagementAssessor>();
        builder.Services.AddScoped<OcdsImporter>();
        builder.Services.AddHttpClient(RegistryPullScheduler.HttpClientName).AddDownloadResilience();
        builder.Services.AddHostedService<RegistryPullScheduler>();
        builder.Services.AddSingleton<FreshnessSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FreshnessSweep>());
        return builder.AddServiceDatabase<EngagementDb, SqliteEngagementDb, SqlServerEngagementDb, PostgresEngagementDb>(ConnectionName);
    }

    public static void AddEngagementConsumers(ServiceConsumers consumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        MemberPartitions.RequireMemberCodes<TrackMemberActionPlansConsumer>();
        MemberPartitions.RequireMemberCodes<TrackCommitmentsConsumer>();
        MemberPartitions.RequireMemberCodes<TrackConfirmedTagsConsumer>();
        MemberPartitions.RequireMemberCodes<TrackThreadsConsumer>();
        // One gate for the service's queues and its requests: two reassessments of one member never run side by side.
        var gate = new MemberGate();
        consumers.Services.AddSingleton(gate);
        var byMember = new BatchSettings { Gate = gate.Slots, KeyOf = MemberPartitions.MemberOf };
        consumers.AddBatch<TrackMemberActionPlansConsumer, EngagementDb>("engagement-action-plan-events", byMember)
            .AddBatch<TrackCommitmentsConsumer, EngagementDb>("engagement-commitment-events", byMember)
            .AddBatch<TrackConfirmedTagsConsumer, EngagementDb>("engagement-tag-events", byMember)
            .AddBatch<TrackThreadsConsumer, EngagementDb>("engagement-thread-events", byMember);
    }

    public static IEndpointRouteBuilder MapEngagement(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Engagement");
        ListEngagement.Map(api);
        GetMemberEngagement.Map(api);
        GetMemberEngagementHistory.Map(api);
        PutMemberMandate.Map(api);
        ImportOcdsPublications.Map(api);
        ListOcdsPublications.Map(api);
        ListOcdsCountryNames.Map(api);
        SetOcdsCountryName.Map(api);
        RemoveOcdsCountryName.Map(api);
        GetOcdsPullStatus.Map(api);
        return endpoints;
    }
}
