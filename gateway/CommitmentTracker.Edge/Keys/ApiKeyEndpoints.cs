using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Contracts.Api;
using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Edge.Keys;

/// <summary><c>/api/keys</c>: admins issue, list, read and revoke API keys.</summary>
internal static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        keys.MapPost(string.Empty, CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Issue an API key")
            .WithDescription("The secret is in this response only; the store keeps its SHA-256 hash.")
            .ProducesValidationProblem();
        keys.MapGet(string.Empty, ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List API keys, newest first (never their secrets)")
            .ProducesValidationProblem();
        keys.MapGet("/{id}", GetAsync)
            .WithName("GetApiKey")
            .WithSummary("Get one API key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Effective from the next request. The key stays listed, with revokedAt.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ApiKeyDb db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = ApiKeyRules.Validate(request, time.GetUtcNow(), out var key);
        if (key is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The key request is not valid.");
        }

        var secret = ApiKeySecrets.NewSecret();
        key.SecretHash = ApiKeySecrets.Hash(secret);
        key.CreatedBy = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        db.Keys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/keys/{key.Id}", new CreatedApiKeyResponse(key.ToResponse(), secret));
    }

    internal static async Task<Results<Ok<PagedResponse<ApiKeyResponse>>, ValidationProblem>> ListAsync(ApiKeyDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var total = await db.Keys.CountAsync(cancellationToken);
        var keys = await db.Keys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ApiKeyResponse>([.. keys.Select(k => k.ToResponse())], paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync(string id, ApiKeyDb db, CancellationToken cancellationToken)
    {
        var key = await db.Keys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return key is null ? NotFound(id) : TypedResults.Ok(key.ToResponse());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, ApiKeyDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.Keys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return NotFound(id);
        }

        // Revoking twice keeps the first time.
        key.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "API key not found.", detail: $"There is no API key '{id}'.");
}
