namespace CommitmentTracker.Web;

/// <summary>
/// Which requests are the workspace's: everything but the API and the platform's own paths. The gateway routes the same
/// split (gateway/CommitmentTracker.Gateway/appsettings.json, route <c>web</c>).
/// </summary>
internal static class WebPaths
{
    /// <summary>Paths that answer JSON (or the API reference), never a page.</summary>
    public static readonly IReadOnlyList<string> NotWeb = ["/api", "/openapi", "/scalar", "/alive", "/health"];

    public static bool IsWeb(PathString path) => !NotWeb.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
