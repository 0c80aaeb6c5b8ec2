using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary>
/// <c>POST /api/imports</c>: an admin uploads OGP's commitment sheet (CSV or XLSX) or the Explorer CSV as
/// <c>multipart/form-data</c> (field <c>file</c>), or names a configured source (<c>{"source":"…"}</c>). The file is
/// checked (size, format, header) at once; its rows are imported in the background: 202 and the job's Location.
/// </summary>
internal static class StartImport
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/imports", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .DisableAntiforgery()
            .WithName(nameof(StartImport))
            .WithSummary("Import a commitment sheet")
            .WithDescription("Admins only. multipart/form-data with a 'file' field (OGP's commitment sheet as CSV or XLSX, or the archival Explorer CSV), or JSON {\"source\":\"name\"} for a configured source. ?dryRun=true computes the diff without writing it. Answers 202 with the import's Location; a file too large is 413, not CSV/XLSX 415, a header without the required columns 400.")
            // One Accepts call: the content types also gate routing (anything else is 415).
            .Accepts<StartSourceImportRequest>("application/json", "multipart/form-data")
            .Produces<ImportResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(DescribeMultipartBody);

    /// <summary>The multipart body is a file field, not the JSON request's shape that Accepts gives both content types.</summary>
    private static Task DescribeMultipartBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var multipart) == true)
        {
            multipart.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "OGP's commitment sheet (CSV or XLSX) or the archival Explorer CSV." },
                },
            };
        }

        return Task.CompletedTask;
    }

    internal static async Task<Results<Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpContext context, bool? dryRun, ActionPlansDb db, ImportQueue queue, TimeProvider time, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = context.Request;
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(),
            Source = string.Empty,
            Format = "csv",
            Status = ImportStatus.Queued,
            DryRun = dryRun ?? false,
            RequestedBy = context.User.Identity?.Name,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            FilePath = string.Empty,
        };

        if (request.HasJsonContentType())
        {
            StartSourceImportRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<StartSourceImportRequest>(cancellationToken);
            }
            catch (JsonException malformed)
            {
                // Read by hand (the same endpoint takes a file), so explained like every other unreadable body.
                throw new BadHttpRequestException("The JSON body could not be read.", StatusCodes.Status400BadRequest, malformed);
            }

            var name = body?.Source?.Trim();
            if (string.IsNullOrEmpty(name) || !settings.Sources.ContainsKey(name))
            {
                var known = settings.Sources.Count == 0 ? "No source is configured (Imports:Sources)." : $"Configured sources: {string.Join(", ", settings.Sources.Keys.Order(StringComparer.Ordinal))}.";
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["source"] = [$"source must name a configured source. {known}"] }, title: "The import request is not valid.");
            }

            job.SourceName = settings.Sources.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            job.Source = job.SourceName;
        }
        else
        {
            var upload = await ReceiveUploadAsync(context, settings, job.Id, cancellationToken);
            if (upload.Problem is not null)
            {
                return upload.Problem;
            }

            job.Source = upload.FileName!;
            job.FilePath = upload.Path!;
            job.FileBytes = upload.Bytes;
            job.Format = upload.Format == SheetFormat.Xlsx ? "xlsx" : "csv";
            job.Layout = upload.Layout;
        }

        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(job.Id);
        return TypedResults.Accepted($"/api/imports/{job.Id}", job.ToResponse(rowsInProgress: null, []));
    }

    private sealed record Upload(string? Path, string? FileName, long Bytes, SheetFormat Format, string? Layout, ProblemHttpResult? Problem);

    /// <summary>Streams the multipart file to the work directory (never into memory), then checks its format and header.</summary>
    private static async Task<Upload> ReceiveUploadAsync(HttpContext context, ImportOptions settings, Guid importId, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Failed(StatusCodes.Status415UnsupportedMediaType, "Send the file as multipart/form-data.", "Use a form field named 'file', or JSON {\"source\":\"name\"} for a configured source.");
        }

        if (request.ContentLength > settings.MaxFileBytes + (64 * 1024))
        {
            return TooLarge(settings);
        }

        // The upload may exceed the server's default request limit (30 MB); the import's own limit applies instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxFileBytes + (64 * 1024);
        }

        Directory.CreateDirectory(settings.WorkDirectory);
        var path = Path.Combine(settings.WorkDirectory, $"{importId:N}.upload");
        var keep = false;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition() || !string.Equals(disposition.Name.Value, "file", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value) is { Length: > 0 } n ? n : "upload";
                long bytes;
                await using (var file = File.Create(path))
                {
                    bytes = await CopyAtMostAsync(section.Body, file, settings.MaxFileBytes, cancellationToken);
                }

                if (bytes < 0)
                {
                    return TooLarge(settings);
                }

                var checkedFile = await CheckAsync(path, settings.SheetLimits, cancellationToken);
                keep = checkedFile.Problem is null;
                return checkedFile with { FileName = fileName.Clip(300), Bytes = bytes };
            }

            return Failed(StatusCodes.Status400BadRequest, "No file was sent.", "The form needs a file field named 'file'.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(settings);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            return Failed(StatusCodes.Status400BadRequest, "The upload could not be read.", "The multipart body ended early or is malformed.");
        }
        finally
        {
            if (!keep)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Format from the bytes; header by name. Either failing rejects the file before anything is queued.</summary>
    private static async Task<Upload> CheckAsync(string path, SheetLimits limits, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var format = await SheetFiles.DetectAsync(file, cancellationToken);
        if (format is null)
        {
            return Failed(StatusCodes.Status415UnsupportedMediaType, "The file is neither a CSV nor an XLSX workbook.", "Upload OGP's commitment sheet as CSV (UTF-8) or XLSX, or the Explorer CSV.");
        }

        try
        {
            using var reader = SheetFiles.Open(file, format.Value, limits);
            return SheetLayout.TryCreate(reader.Header, out var problem) is { } layout
                ? new Upload(path, null, 0, format.Value, layout.Name, null)
                : Failed(StatusCodes.Status400BadRequest, "The file's header is not a commitment sheet's.", problem);
        }
        catch (InvalidDataException e)
        {
            return Failed(StatusCodes.Status400BadRequest, "The file could not be read.", e.Message);
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; -1 when the source holds more.</summary>
    private static async Task<long> CopyAtMostAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return -1;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private static Upload TooLarge(ImportOptions settings) =>
        Failed(StatusCodes.Status413PayloadTooLarge, "The file is too large.", $"Files up to {settings.MaxFileBytes / (1024 * 1024)} MB are accepted (Imports:MaxFileBytes).");

    private static Upload Failed(int status, string title, string? detail) =>
        new(null, null, 0, SheetFormat.Csv, null, TypedResults.Problem(statusCode: status, title: title, detail: detail));
}
