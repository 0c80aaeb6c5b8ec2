using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Tagging.Features;

/// <summary>Example bodies for the OpenAPI document.</summary>
internal static class TaggingExamples
{
    public static void Add(OpenApiExamples examples) =>
        examples.Add<List<TagResponse>>(
        [
            new TagResponse("open-contracting", "Open contracting", "Publishing and using data and documents across the contracting process.", null, false),
            new TagResponse("e-procurement", "E-procurement", "Electronic procurement systems and their data.", "open-contracting", false),
        ]);
}
