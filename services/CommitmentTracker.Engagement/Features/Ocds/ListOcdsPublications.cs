using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary><c>GET /api/ocds-publications?member=&amp;unmapped=</c>: the publications of the last registry import.</summary>
internal static class ListOcdsPublications
{
    private const string MemberMessage = "member is a member code: 3 or 4 letters.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/ocds-publications", HandleAsync)
            .WithName(nameof(ListOcdsPublications))
            .WithSummary("List the OCDS publications of the last registry import")
            .WithDescription("?member= narrows to one member's publications; ?unmapped=true lists those whose country maps to no member. Fresh means data newer than Engagement:PublicationStaleAfterDays and not frozen.")
            .WithValidationTitle("The filter is not valid.")
            .ProducesValidationProblem();

    // MinLength: a pattern lets an empty value through, and an empty ?member= is no member code.
    internal static async Task<Results<Ok<PagedResponse<OcdsPublicationResponse>>, ValidationProblem>> HandleAsync(
        [MinLength(1, ErrorMessage = MemberMessage), RegularExpression(SetCountryNameRequest.MemberCodePattern, ErrorMessage = MemberMessage)] string? member,
        bool? unmapped, int? page, int? pageSize, EngagementDb db, EngagementRules rules, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
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
}
