using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary><c>POST /api/ocds-publications/imports</c>: admins upload the OCP Data Registry's publications.json.</summary>
internal static class ImportOcdsPublications
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/ocds-publications/imports", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .DisableAntiforgery()
            .WithName(nameof(ImportOcdsPublications))
            .WithSummary("Import the OCP Data Registry's publications.json")
            .WithDescription("Admins only. The body is the registry's publications.json (a JSON array) as served. It replaces the stored publications as a whole, maps each country name to a member (unmapped names are reported, never guessed) and reassesses the members concerned. Malformed or invalid files are a 400 naming every problem and change nothing; larger than Engagement:Ocds:MaxFileBytes is a 413.")
            .Accepts<List<OcdsRegistryPublication>>("application/json")
            .Produces<OcdsImportResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    internal static async Task<Results<Ok<OcdsImportResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpContext context, EngagementDb db, OcdsImporter importer, IOptions<EngagementOptions> options, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.Ocds.MaxFileBytes;
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON.", detail: "Send publications.json with Content-Type: application/json.");
        }

        if (context.Request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        // The registry file may exceed the server's default request limit; the import's own limit applies instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }

        var reading = RegistryFile.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (reading.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(reading.Errors, title: reading.Malformed ? "The registry file is malformed." : "The registry file is not valid; nothing was imported.");
        }

        return TypedResults.Ok((await importer.ImportAsync(db, reading.Publications, "upload", cancellationToken)).ToResponse());
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The registry file is too large.",
        detail: $"Files up to {maxBytes} bytes are accepted (Engagement:Ocds:MaxFileBytes).");
}
