using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>A server's validators of a file, sent back on the next pull so an unchanged file is not downloaded again.</summary>
public sealed record DownloadValidators(string? ETag, string? LastModified);

/// <summary>What a download wrote: its size and the server's validators.</summary>
public sealed record DownloadResult(long Bytes, DownloadValidators Validators);

/// <summary>A download refused or failed for a reason an admin can act on (status, size, time, unreachable, scheme).</summary>
public sealed class DownloadRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches a configured source's file into a stream: http/https only, within a size and a time limit, streamed (the
/// size is checked as bytes arrive, not only from Content-Length); conditionally (<c>If-None-Match</c>,
/// <c>If-Modified-Since</c>) when validators are given. Shared by ActionPlans' sheet sources and Engagement's registry.
/// </summary>
public static class BoundedDownload
{
    public static bool IsHttp(Uri? url) => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>Writes the file to <paramref name="destination"/>; null when validators were given and the server answered 304.</summary>
    public static async Task<DownloadResult?> GetAsync(
        HttpClient client, string sourceName, Uri url, Stream destination, long maxBytes, TimeSpan timeout, DownloadValidators? ifChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(destination);
        if (!IsHttp(url))
        {
            throw new DownloadRejectedException($"Source '{sourceName}' must be an absolute http or https URL.");
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (ifChanged?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (ifChanged?.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            if (response.StatusCode == HttpStatusCode.NotModified && ifChanged is not null)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DownloadRejectedException($"Source '{sourceName}' answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new DownloadRejectedException($"Source '{sourceName}' offers {response.Content.Headers.ContentLength} bytes; at most {maxBytes} are accepted.");
            }

            long total = 0;
            await using var body = await response.Content.ReadAsStreamAsync(timeoutSource.Token);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, timeoutSource.Token)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new DownloadRejectedException($"Source '{sourceName}' sent more than {maxBytes} bytes; the download was stopped.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), timeoutSource.Token);
            }

            return new DownloadResult(total, new DownloadValidators(
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture)));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadRejectedException($"Source '{sourceName}' did not answer within {timeout}.", e);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadRejectedException($"Source '{sourceName}' could not be reached: {e.Message}", e);
        }
    }
}
