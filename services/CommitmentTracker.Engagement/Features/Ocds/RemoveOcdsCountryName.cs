using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary>
/// <c>DELETE /api/ocds-publications/country-names/{name}</c>: an admin's name removed; the name maps as it would without
/// it, the stored publications carrying it follow and their members are reassessed, in one transaction.
/// </summary>
internal static class RemoveOcdsCountryName
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/ocds-publications/country-names/{name}", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(RemoveOcdsCountryName))
            .WithSummary("Remove a country name an admin mapped")
            .WithDescription("Admins only. The name maps again as the table, settings or a known member's name say, or to no member (reported as unmapped); stored publications carrying it are remapped at once and the members concerned reassessed. Names from the table or settings are changed there, not here: 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<RemovedCountryNameResponse>, ProblemHttpResult>> HandleAsync(
        string name, EngagementDb db, CountryNames names, EngagementAssessor assessor, MemberGate gate, CancellationToken cancellationToken)
    {
        var key = CountryNames.Key(name.Trim());
        return await MemberGate.RunAsync<Results<Ok<RemovedCountryNameResponse>, ProblemHttpResult>>(db, async () =>
        {
            var alias = key.Length == 0 ? null : await db.CountryAliases.FindAsync([key], cancellationToken);
            if (alias is null)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound, title: "No admin mapping for this country name.",
                    detail: "Only names admins added can be removed; GET /api/ocds-publications/country-names lists each name's source.");
            }

            db.CountryAliases.Remove(alias);
            var resolve = await names.ResolverAsync(db, cancellationToken);
            var code = resolve(alias.Name);
            var (remapped, affected) = CountryNames.Remap(await db.OcdsPublications.ToListAsync(cancellationToken), key, code);
            using (await gate.EnterAsync(affected, cancellationToken))
            {
                foreach (var member in affected)
                {
                    await assessor.ReassessAsync(db, member, $"country-name {alias.Name} removed", [], cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            return TypedResults.Ok(alias.ToRemovedResponse(code, names.SourceWithoutAdmin(key, code), remapped));
        });
    }
}
