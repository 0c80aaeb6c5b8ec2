using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Features.Imports;

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
