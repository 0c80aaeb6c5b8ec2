using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Edge.OpenApi;

/// <summary>Where one service's OpenAPI document is fetched from (its cluster's destination).</summary>
internal sealed record OpenApiSourceAddress(string Service, Uri DocumentUri);

/// <summary>Timing of <see cref="OpenApiAggregator"/>.</summary>
internal sealed record OpenApiAggregatorOptions
{
    /// <summary>How long a merged document is served before the services are asked again.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a document missing a service (or serving its old copy) is kept: shorter, so a recovered service shows soon.</summary>
    public TimeSpan RefreshIntervalWhileUnavailable { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one service may take to answer; a slower one counts as unavailable for this round.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The gateway's one document: fetches every service's <c>/openapi/v1.json</c>, merges them and caches the result for
/// <see cref="OpenApiAggregatorOptions.RefreshInterval"/>. A service that does not answer does not break the document: its
/// last good copy is used if there is one, otherwise its operations are missing, and either way the document's
/// description and a warning name it.
/// </summary>
internal sealed partial class OpenApiAggregator(
    HttpClient http,
    Func<IReadOnlyList<OpenApiSourceAddress>> sources,
    OpenApiAggregatorOptions options,
    TimeProvider time,
    ILogger<OpenApiAggregator> logger) : IDisposable
{
    public const string Title = "Commitment Tracker API";

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Dictionary<string, (JsonObject Document, DateTimeOffset FetchedAt)> lastGood = new(StringComparer.Ordinal);
    // A reference, swapped whole: requests read it without the lock.
    private volatile CachedDocument? cached;

    /// <summary>The merged document as JSON, rebuilt when the cached one is older than the refresh interval.</summary>
    public async Task<string> GetDocumentJsonAsync(CancellationToken cancellationToken)
    {
        if (cached is { } fresh && time.GetUtcNow() < fresh.ExpiresAt)
        {
            return fresh.Json;
        }

        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have rebuilt it while this one waited.
            if (cached is { } rebuilt && time.GetUtcNow() < rebuilt.ExpiresAt)
            {
                return rebuilt.Json;
            }

            var (json, complete) = await BuildAsync(cancellationToken).ConfigureAwait(false);
            cached = new CachedDocument(json, time.GetUtcNow() + (complete ? options.RefreshInterval : options.RefreshIntervalWhileUnavailable));
            return json;
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task<(string Json, bool Complete)> BuildAsync(CancellationToken cancellationToken)
    {
        var addresses = sources();
        var fetched = await Task.WhenAll(addresses.Select(source => FetchAsync(source, cancellationToken))).ConfigureAwait(false);

        var documents = new List<ServiceOpenApiDocument>();
        var notes = new List<string>();
        foreach (var (source, document, failure) in fetched.OrderBy(f => f.Source.Service, StringComparer.Ordinal))
        {
            if (document is not null)
            {
                lastGood[source.Service] = (document, time.GetUtcNow());
                documents.Add(new ServiceOpenApiDocument(source.Service, document));
                continue;
            }

            LogUnavailable(logger, source.Service, source.DocumentUri, failure);
            if (lastGood.TryGetValue(source.Service, out var previous))
            {
                documents.Add(new ServiceOpenApiDocument(source.Service, previous.Document));
                notes.Add($"{source.Service} did not answer ({failure}); its operations are from the copy fetched at {previous.FetchedAt.ToString("u", CultureInfo.InvariantCulture)}.");
            }
            else
            {
                notes.Add($"{source.Service} did not answer ({failure}); its operations are missing until it does.");
            }
        }

        var description =
            "The whole public API of Commitment Tracker, as served by the gateway: the documents of " +
            string.Join(", ", addresses.Select(a => a.Service).Order(StringComparer.Ordinal)) +
            " merged into one. Every operation needs an X-Api-Key header; errors are RFC 9457 ProblemDetails carrying a correlationId." +
            (notes.Count > 0 ? " Unavailable when this document was built: " + string.Join(" ", notes) : string.Empty);
        var merged = OpenApiDocumentMerger.Merge(documents, Title, description);
        foreach (var duplicate in merged.DuplicateOperations)
        {
            LogDuplicate(logger, duplicate);
        }

        return (merged.Document.ToJsonString(SerializerOptions), notes.Count == 0);
    }

    private async Task<(OpenApiSourceAddress Source, JsonObject? Document, string? Failure)> FetchAsync(OpenApiSourceAddress source, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FetchTimeout);
        try
        {
            using var response = await http.GetAsync(source.DocumentUri, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (source, null, $"HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return JsonNode.Parse(body) is JsonObject document
                ? (source, document, null)
                : (source, null, "not a JSON object");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (source, null, $"no answer within {options.FetchTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException exception)
        {
            return (source, null, exception.HttpRequestError == HttpRequestError.Unknown ? exception.Message : exception.HttpRequestError.ToString());
        }
        catch (JsonException)
        {
            return (source, null, "not valid JSON");
        }
    }

    public void Dispose() => refreshing.Dispose();

    private sealed record CachedDocument(string Json, DateTimeOffset ExpiresAt);

    private static readonly JsonSerializerOptions SerializerOptions = new() { WriteIndented = false };

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenAPI document of {Service} at {Uri} unavailable: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string service, Uri uri, string? failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Two services declare the operation {Operation}; the first service's is kept")]
    private static partial void LogDuplicate(ILogger logger, string operation);
}
