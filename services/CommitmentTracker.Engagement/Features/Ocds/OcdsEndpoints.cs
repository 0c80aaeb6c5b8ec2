using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary>
/// <c>POST /api/ocds-publications/imports</c> (admins upload the OCP Data Registry's publications.json) and
/// <c>GET /api/ocds-publications?member=</c>.
/// </summary>
internal static class OcdsEndpoints
{
    public static void MapOcdsPublications(this RouteGroupBuilder api)
    {
        api.MapPost("/ocds-publications/imports", ImportAsync)
            .RequireAuthorization(Policies.Admin)
            .DisableAntiforgery()
            .WithName("ImportOcdsPublications")
            .WithSummary("Import the OCP Data Registry's publications.json")
            .WithDescription("Admins only. The body is the registry's publications.json (a JSON array) as served. It replaces the stored publications as a whole, maps each country name to a member (unmapped names are reported, never guessed) and reassesses the members concerned. Malformed or invalid files are a 400 naming every problem and change nothing; larger than Engagement:Ocds:MaxFileBytes is a 413.")
            .Accepts<List<OcdsRegistryPublication>>("application/json")
            .Produces<OcdsImportResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/ocds-publications", ListAsync)
            .WithName("ListOcdsPublications")
            .WithSummary("List the OCDS publications of the last registry import")
            .WithDescription("?member= narrows to one member's publications; ?unmapped=true lists those whose country maps to no member. Fresh means data newer than Engagement:PublicationStaleAfterDays and not frozen.")
            .ProducesValidationProblem();
    }

    internal static async Task<Results<Ok<OcdsImportResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
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

        return TypedResults.Ok(await importer.ImportAsync(db, reading.Publications, "upload", cancellationToken));
    }

    internal static async Task<Results<Ok<PagedResponse<OcdsPublicationResponse>>, ValidationProblem>> ListAsync(
        string? member, bool? unmapped, int? page, int? pageSize, EngagementDb db, EngagementRules rules, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        if (member is not null && !MemberCodes.IsValid(member.Trim()))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["member"] = ["member is a member code: 3 or 4 letters."] }, title: "The filter is not valid.");
        }

        var query = db.OcdsPublications.AsNoTracking();
        if (member is not null)
        {
            var code = MemberCodes.Normalize(member);
            query = query.Where(p => p.MemberCode == code);
        }

        if (unmapped == true)
        {
            query = query.Where(p => p.MemberCode == null);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(new PagedResponse<OcdsPublicationResponse>([.. items.Select(p => p.ToResponse(rules, today))], paging.Page, paging.PageSize, total));
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The registry file is too large.",
        detail: $"Files up to {maxBytes} bytes are accepted (Engagement:Ocds:MaxFileBytes).");
}
