using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Keys;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;

namespace CommitmentTracker.Edge.Features.Keys;

/// <summary><c>POST /api/keys</c>: an admin issues a key; its secret is in this response only.</summary>
internal static class CreateApiKey
{
    public static void Map(RouteGroupBuilder keys) =>
        keys.MapPost(string.Empty, HandleAsync)
            .WithName(nameof(CreateApiKey))
            .WithSummary("Issue an API key")
            .WithDescription("The secret is in this response only; the store keeps its SHA-256 hash.")
            .ProducesValidationProblem();

    internal static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem>> HandleAsync(
        CreateApiKeyRequest request, ApiKeyDb db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = ApiKeyRules.Validate(request, time.GetUtcNow(), out var key);
        if (key is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The key request is not valid.");
        }

        var secret = ApiKeySecrets.NewSecret();
        key.SecretHash = ApiKeySecrets.Hash(secret);
        key.CreatedBy = Caller.From(user).Id;
        db.Keys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/keys/{key.Id}", new CreatedApiKeyResponse(key.ToResponse(), secret));
    }
}
