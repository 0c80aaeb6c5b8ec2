using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>Downloads a configured source's file for an import (see <c>ImportSourceDownloader</c>).</summary>
internal interface IImportSourceDownloader
{
    /// <summary>
    /// The file in the work directory, or null when <paramref name="ifChanged"/> was given and the source answered
    /// 304 Not Modified. Throws <see cref="ImportRejectedException"/> with the reason when the source cannot be fetched.
    /// </summary>
    Task<DownloadedFile?> DownloadAsync(string sourceName, SourceValidators? ifChanged, CancellationToken cancellationToken);
}

/// <summary>What a source said about its file's version (for conditional GETs).</summary>
internal sealed record SourceValidators(string? ETag, string? LastModified);

internal sealed record DownloadedFile(string Path, long Bytes, SourceValidators Validators);

/// <summary>
/// Fetches a configured source's file into the work directory with the shared <see cref="BoundedDownload"/> (http/https
/// only, within the source's size and time limits, streamed to disk, conditional when validators are given).
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

        Directory.CreateDirectory(settings.WorkDirectory);
        var path = Path.Combine(settings.WorkDirectory, $"{Guid.NewGuid():N}.download");
        try
        {
            DownloadResult? result;
            await using (var file = File.Create(path))
            {
                result = await BoundedDownload.GetAsync(
                    clients.CreateClient(HttpClientName), sourceName, source.Url, file, source.MaxBytes ?? settings.MaxFileBytes, source.Timeout,
                    ifChanged is null ? null : new DownloadValidators(ifChanged.ETag, ifChanged.LastModified), cancellationToken);
            }

            if (result is null)
            {
                File.Delete(path);
                return null;
            }

            return new DownloadedFile(path, result.Bytes, new SourceValidators(result.Validators.ETag, result.Validators.LastModified));
        }
        catch (DownloadRejectedException e)
        {
            File.Delete(path);
            throw new ImportRejectedException(e.Message, e);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
