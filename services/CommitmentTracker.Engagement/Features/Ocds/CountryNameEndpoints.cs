using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary>
/// <c>GET /api/ocds-publications/country-names</c> (every mapped registry name and where the mapping comes from) and
/// <c>PUT /api/ocds-publications/country-names/{name}</c> (admins map a name, e.g. one an import reported unmapped; the
/// stored publications carrying it are mapped at once and their members reassessed, in one transaction), and
/// <c>DELETE /api/ocds-publications/country-names/{name}</c> (an admin's name removed: the name maps as it would without it).
/// </summary>
internal static class CountryNameEndpoints
{
    public const int MaxNameLength = 200;

    public static void MapCountryNames(this RouteGroupBuilder api)
    {
        api.MapGet("/ocds-publications/country-names", ListAsync)
            .WithName("ListOcdsCountryNames")
            .WithSummary("List the registry country names mapped to members")
            .WithDescription("The maintained table shipped with the service, the names from settings, and the names admins added (which win), with their source.");
        api.MapPut("/ocds-publications/country-names/{name}", SetAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("SetOcdsCountryName")
            .WithSummary("Map a registry country name to a member")
            .WithDescription("Admins only. Stored publications whose country is this name (case, accents and punctuation aside) are mapped at once and their members reassessed; later imports use it too.")
            .ProducesValidationProblem();
        api.MapDelete("/ocds-publications/country-names/{name}", RemoveAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("RemoveOcdsCountryName")
            .WithSummary("Remove a country name an admin mapped")
            .WithDescription("Admins only. The name maps again as the table, settings or a known member's name say, or to no member (reported as unmapped); stored publications carrying it are remapped at once and the members concerned reassessed. Names from the table or settings are changed there, not here: 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Ok<List<CountryNameResponse>>> ListAsync(EngagementDb db, CountryNames names, CancellationToken cancellationToken) =>
        TypedResults.Ok((await names.AllAsync(db, cancellationToken)).Select(n => new CountryNameResponse(n.Name, n.Code, n.Source)).ToList());

    internal static async Task<Results<Ok<RemovedCountryNameResponse>, ProblemHttpResult>> RemoveAsync(
        string name, EngagementDb db, CountryNames names, EngagementAssessor assessor, CancellationToken cancellationToken)
    {
        var key = CountryNames.Key(name.Trim());
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
        var (remapped, affected) = Remap(await db.OcdsPublications.ToListAsync(cancellationToken), key, code);
        foreach (var member in affected)
        {
            await assessor.ReassessAsync(db, member, $"country-name {alias.Name} removed", [], cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RemovedCountryNameResponse(alias.Name, code, names.SourceWithoutAdmin(key, code), remapped));
    }

    /// <summary>Points the publications whose country has <paramref name="key"/> at <paramref name="code"/>; returns how many, and the members before and after.</summary>
    private static (int Count, SortedSet<string> Members) Remap(IEnumerable<OcdsPublication> publications, string key, string? code)
    {
        var affected = new SortedSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var publication in publications.Where(p => CountryNames.Key(p.Country) == key))
        {
            if (publication.MemberCode is { } previous)
            {
                affected.Add(previous);
            }

            if (code is not null)
            {
                affected.Add(code);
            }

            publication.MemberCode = code;
            count++;
        }

        return (count, affected);
    }

    internal static async Task<Results<Ok<CountryNameResponse>, ValidationProblem>> SetAsync(
        string name, SetCountryNameRequest? request, ClaimsPrincipal user, EngagementDb db, EngagementAssessor assessor, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = name.Trim();
        var key = CountryNames.Key(trimmed);
        if (key.Length == 0 || trimmed.Length > MaxNameLength)
        {
            errors["name"] = [$"name is a country name with at least one letter, at most {MaxNameLength} characters."];
        }

        if (!MemberCodes.IsValid(request?.MemberCode?.Trim()))
        {
            errors["memberCode"] = ["memberCode is required: a member code of 3 or 4 letters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The country name cannot be mapped.");
        }

        var code = MemberCodes.Normalize(request!.MemberCode!);
        var actor = Caller.From(user).Id;
        var alias = await db.CountryAliases.FindAsync([key], cancellationToken);
        if (alias is null)
        {
            alias = new CountryAlias { Key = key, Name = trimmed, MemberCode = code, EnteredBy = actor };
            db.CountryAliases.Add(alias);
        }

        (alias.Name, alias.MemberCode, alias.EnteredBy, alias.EnteredAt) = (trimmed, code, actor.Clip(200), time.GetUtcNow().UtcDateTime);

        var (mapped, affected) = Remap(await db.OcdsPublications.ToListAsync(cancellationToken), key, code);
        foreach (var member in affected)
        {
            await assessor.ReassessAsync(db, member, $"country-name {trimmed}", [], cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CountryNameResponse(trimmed, code, CountryNames.FromAdmin) { PublicationsMapped = mapped });
    }
}
