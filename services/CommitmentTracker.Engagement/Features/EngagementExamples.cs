using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Engagement.Features;

/// <summary>Example bodies for the OpenAPI document.</summary>
internal static class EngagementExamples
{
    public static void Add(OpenApiExamples examples) =>
        examples.Add(new PagedResponse<EngagementMemberResponse>(
            [new EngagementMemberResponse("BGR", "Bulgaria", 4, "AP_BGR05", new DateTimeOffset(2026, 11, 2, 9, 30, 14, TimeSpan.Zero))], 1, 50, 1));
}
