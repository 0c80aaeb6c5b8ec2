using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary>
/// <c>GET /api/ocds-publications/country-names</c> (every mapped registry name and where the mapping comes from) and
/// <c>PUT /api/ocds-publications/country-names/{name}</c> (admins map a name, e.g. one an import reported unmapped; the
/// stored publications carrying it are mapped at once and their members reassessed, in one transaction).
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
    }

    internal static async Task<Ok<List<CountryNameResponse>>> ListAsync(EngagementDb db, CountryNames names, CancellationToken cancellationToken) =>
        TypedResults.Ok((await names.AllAsync(db, cancellationToken)).Select(n => new CountryNameResponse(n.Name, n.Code, n.Source)).ToList());

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
        var actor = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity?.Name ?? "unknown";
        var alias = await db.CountryAliases.FindAsync([key], cancellationToken);
        if (alias is null)
        {
            alias = new CountryAlias { Key = key, Name = trimmed, MemberCode = code, EnteredBy = actor };
            db.CountryAliases.Add(alias);
        }

        (alias.Name, alias.MemberCode, alias.EnteredBy, alias.EnteredAt) = (trimmed, code, actor.Length > 200 ? actor[..200] : actor, time.GetUtcNow().UtcDateTime);

        var affected = new SortedSet<string>(StringComparer.Ordinal);
        var mapped = 0;
        foreach (var publication in (await db.OcdsPublications.ToListAsync(cancellationToken)).Where(p => CountryNames.Key(p.Country) == key))
        {
            if (publication.MemberCode is { } previous)
            {
                affected.Add(previous);
            }

            publication.MemberCode = code;
            affected.Add(code);
            mapped++;
        }

        foreach (var member in affected)
        {
            await assessor.ReassessAsync(db, member, $"country-name {trimmed}", [], cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CountryNameResponse(trimmed, code, CountryNames.FromAdmin) { PublicationsMapped = mapped });
    }
}
