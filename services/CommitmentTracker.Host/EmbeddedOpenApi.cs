using CommitmentTracker.Edge.OpenApi;
using CommitmentTracker.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommitmentTracker.Host;

/// <summary>
/// The embedded host's document is the whole public API (every service's endpoints, on the gateway's paths), so it says
/// so: one title for the system, not the per-service title the service defaults give.
/// </summary>
internal static class EmbeddedOpenApi
{
    public const string Title = "Commitment Tracker API";

    public static IServiceCollection AddEmbeddedOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>(OpenApiConventions.DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = Title;
            document.Info.Description =
                "The whole public API of Commitment Tracker: action plans, commitments and imports; tags; engagement; " +
                "notifications. This process is the embedded mode (all four services in one process); the distributed " +
                "gateway serves the same paths and merges the same operations into one document. Every operation " +
                "needs an X-Api-Key header except /alive, /health, /openapi/v1.json and /scalar. Errors are RFC 9457 " +
                "ProblemDetails carrying a correlationId.";
            if (document.Components?.SecuritySchemes?.TryGetValue("ApiKey", out var scheme) == true && scheme is OpenApiSecurityScheme apiKey)
            {
                apiKey.Description = "An API key for the whole system (embedded mode: one key works for every service). " +
                    "The bootstrap admin key comes from the Auth:BootstrapAdminKey setting.";
            }

            return Task.CompletedTask;
        }));
}
