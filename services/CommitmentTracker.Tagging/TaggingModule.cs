using CommitmentTracker.Tagging.Features;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.ServiceDefaults.Persistence;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Features.Tags;

namespace CommitmentTracker.Tagging;

/// <summary>The Tagging service's pieces, for its own Program and for the embedded host.</summary>
public static class TaggingModule
{
    public const string ServiceName = "tagging";
    public const string ConnectionName = "Tagging";

    public static IHostApplicationBuilder AddTagging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApiExamples(TaggingExamples.Add);
        return builder.AddServiceDatabase<TaggingDb, SqliteTaggingDb, SqlServerTaggingDb>(ConnectionName);
    }

    public static IEndpointRouteBuilder MapTagging(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Tags");
        api.MapGetTags();
        return endpoints;
    }
}
