using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Notifications.Features;

/// <summary>Example bodies for the OpenAPI document.</summary>
internal static class NotificationsExamples
{
    public static void Add(OpenApiExamples examples) =>
        examples.Add(new PagedResponse<ActivityEntryResponse>(
            [new ActivityEntryResponse(
                1042, Guid.Parse("0193a6f2-8d40-7c11-a2b5-3e9d7f60c1a8"), "commitment-changed", "BGR",
                "Commitment BG0039 of Bulgaria changed: IRM End of Term Completion Limited → Substantial.",
                new DateTimeOffset(2026, 11, 2, 9, 30, 14, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 9, 30, 15, TimeSpan.Zero),
                "3f1c8e0a9b7d4c52a1e6f0d2b4c8a7e9", "4bf92f3577b34da6a3ce929d0e0e4736")],
            1, 50, 1));
}
