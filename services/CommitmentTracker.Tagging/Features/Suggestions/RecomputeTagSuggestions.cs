using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Recompute;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Tagging.Features.Suggestions;

/// <summary>
/// <c>POST /api/tag-suggestions/recompute</c>: an admin recomputes the suggestions over every stored commitment, in the
/// background; an unfinished recomputation is answered instead of starting another.
/// </summary>
internal static class RecomputeTagSuggestions
{
    private const string Invalid = "The recomputation cannot start.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tag-suggestions/recompute", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(RecomputeTagSuggestions))
            .WithSummary("Recompute the suggestions after rules, mappings or thresholds changed")
            .WithDescription("Admins only. 202 with the new job (follow Location for its progress), or 200 with the unfinished one. Pending and held suggestions take their new confidence and status, new ones are suggested (TagSuggested when queued), unsupported ones superseded; nothing a liaison decided (accepted, proposed, rejected, tagged) changes.")
            .WithValidationTitle(Invalid)
            .ProducesValidationProblem();

    internal static async Task<Results<Accepted<TagRecomputeResponse>, Ok<TagRecomputeResponse>, ValidationProblem>> HandleAsync(
        RecomputeTagSuggestionsRequest? request, ClaimsPrincipal user, Recomputation recomputation, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();
        var (job, created) = await recomputation.StartAsync(Caller.From(user).Id, reason, cancellationToken);
        return created
            ? TypedResults.Accepted($"/api/tag-suggestions/recompute/{job.Id}", job.ToResponse())
            : TypedResults.Ok(job.ToResponse());
    }
}
