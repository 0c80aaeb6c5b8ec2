using CommitmentTracker.Tagging.Features;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using CommitmentTracker.Tagging.Consumers;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Features.Calibration;
using CommitmentTracker.Tagging.Features.CommitmentTags;
using CommitmentTracker.Tagging.Features.PolicyAreas;
using CommitmentTracker.Tagging.Features.Rules;
using CommitmentTracker.Tagging.Features.Suggestions;
using CommitmentTracker.Tagging.Features.Tags;
using CommitmentTracker.Tagging.Recompute;
using CommitmentTracker.Tagging.Review;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging;

/// <summary>The Tagging service's pieces, for its own Program and for the embedded host.</summary>
public static class TaggingModule
{
    public const string ServiceName = "tagging";
    public const string ConnectionName = "Tagging";

    public static IHostApplicationBuilder AddTagging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidation();
        builder.Services.AddOpenApiExamples(TaggingExamples.Add);
        builder.AddServiceDatabase<TaggingDb, SqliteTaggingDb, SqlServerTaggingDb, PostgresTaggingDb>(ConnectionName);
        builder.Services.AddOptions<TaggingOptions>().BindConfiguration(TaggingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SuggestionEngineCache>();
        builder.Services.AddSingleton<CalibrationCache>();
        builder.Services.AddScoped(sp => new CommitmentProjection(
            sp.GetRequiredService<SuggestionEngineCache>(), sp.GetRequiredService<CalibrationCache>(), sp.GetRequiredService<TimeProvider>(),
            SuggestionThresholds.From(sp.GetRequiredService<IOptions<TaggingOptions>>().Value)));
        builder.Services.AddScoped(sp => new TagReview(sp.GetRequiredService<TaggingDb>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CalibrationCache>()));
        builder.Services.AddSingleton<RecomputeSignal>();
        builder.Services.AddScoped<Recomputation>();
        builder.Services.AddHostedService<RecomputeWorker>();
        return builder;
    }

    public static void AddTaggingConsumers(ServiceConsumers consumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        consumers.AddBatch<TaggingCommitmentConsumer, TaggingDb>("tagging-commitment-events");
    }

    public static IEndpointRouteBuilder MapTagging(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").MapGroup(string.Empty).WithTags("Tags");

        ListTags.Map(api);
        CreateTag.Map(api);
        UpdateTag.Map(api);
        ListTaggedCommitments.Map(api);

        // Under ActionPlans' /api/commitments/{id}: the literal "tags" segment keeps them apart (gateway: Order 1).
        GetCommitmentTags.Map(api);
        TagCommitment.Map(api);
        UntagCommitment.Map(api);
        GetCommitmentTagHistory.Map(api);

        ListTagSuggestions.Map(api);
        AcceptTagSuggestion.Map(api);
        RejectTagSuggestion.Map(api);
        AcceptTagSuggestions.Map(api);
        RejectTagSuggestions.Map(api);
        RecomputeTagSuggestions.Map(api);
        GetTagRecompute.Map(api);

        ListTagRules.Map(api);
        CreateTagRule.Map(api);
        UpdateTagRule.Map(api);
        DisableTagRule.Map(api);
        PreviewTagRule.Map(api);

        ListTagPolicyAreas.Map(api);
        SetTagPolicyAreas.Map(api);
        GetTagCalibration.Map(api);
        return endpoints;
    }
}
