using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary>
/// Fetches a configured source's file into the work directory: http/https only, within the source's size and time
/// limits, streamed to disk; conditionally (<c>If-None-Match</c>, <c>If-Modified-Since</c>) when validators are given.
/// </summary>
internal sealed class ImportSourceDownloader(IHttpClientFactory clients, IOptions<ImportOptions> options) : IImportSourceDownloader
{
    public const string HttpClientName = "import-sources";

    public async Task<DownloadedFile?> DownloadAsync(string sourceName, SourceValidators? ifChanged, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Sources.TryGetValue(sourceName, out var source) || source.Url is null)
        {
            throw new ImportRejectedException($"Source '{sourceName}' is not configured (Imports:Sources).");
        }

        var maxBytes = source.MaxBytes ?? settings.MaxFileBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(source.Timeout);
        Directory.CreateDirectory(settings.WorkDirectory);
        var path = Path.Combine(settings.WorkDirectory, $"{Guid.NewGuid():N}.download");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
            if (ifChanged?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (ifChanged?.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotModified && ifChanged is not null)
            {
                File.Delete(path);
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ImportRejectedException($"Source '{sourceName}' answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new ImportRejectedException($"Source '{sourceName}' offers {response.Content.Headers.ContentLength} bytes; at most {maxBytes} are accepted.");
            }

            long total = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
            await using (var file = File.Create(path))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw new ImportRejectedException($"Source '{sourceName}' sent more than {maxBytes} bytes; the download was stopped.");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
                }
            }

            return new DownloadedFile(path, total, new SourceValidators(
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            File.Delete(path);
            throw new ImportRejectedException($"Source '{sourceName}' did not answer within {source.Timeout}.");
        }
        catch (HttpRequestException e)
        {
            File.Delete(path);
            throw new ImportRejectedException($"Source '{sourceName}' could not be reached: {e.Message}");
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
