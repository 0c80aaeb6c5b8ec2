using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Engagement.Ocds;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Ocds;

/// <summary>
/// <c>PUT /api/ocds-publications/country-names/{name}</c>: admins map a name, e.g. one an import reported unmapped; the
/// stored publications carrying it are mapped at once and their members reassessed, in one transaction. The member code
/// is checked by its attributes (<see cref="SetCountryNameRequest"/>); the name is compared as <see cref="CountryNames.Key"/>
/// sees it, so it is checked here.
/// </summary>
internal static class SetOcdsCountryName
{
    private const int MaxNameLength = 200;
    private const string InvalidTitle = "The country name cannot be mapped.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/ocds-publications/country-names/{name}", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(SetOcdsCountryName))
            .WithSummary("Map a registry country name to a member")
            .WithDescription("Admins only. Stored publications whose country is this name (case, accents and punctuation aside) are mapped at once and their members reassessed; later imports use it too.")
            .WithValidationTitle(InvalidTitle)
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<CountryNameResponse>, ValidationProblem>> HandleAsync(
        string name, SetCountryNameRequest? request, ClaimsPrincipal user, EngagementDb db, EngagementAssessor assessor, MemberGate gate, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = name.Trim();
        var key = CountryNames.Key(trimmed);
        if (key.Length == 0 || trimmed.Length > MaxNameLength)
        {
            errors["name"] = [$"name is a country name with at least one letter, at most {MaxNameLength} characters."];
        }

        // No body at all: nothing for the attributes to check.
        if (request?.MemberCode is null)
        {
            errors["memberCode"] = [SetCountryNameRequest.MemberCodeMessage];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: InvalidTitle);
        }

        var code = MemberCodes.Normalize(request!.MemberCode!);
        var actor = Caller.From(user).Id;
        return TypedResults.Ok(await MemberGate.RunAsync(db, async () =>
        {
            var alias = await db.CountryAliases.FindAsync([key], cancellationToken);
            if (alias is null)
            {
                alias = new CountryAlias { Key = key, Name = trimmed, MemberCode = code, EnteredBy = actor };
                db.CountryAliases.Add(alias);
            }

            (alias.Name, alias.MemberCode, alias.EnteredBy, alias.EnteredAt) = (trimmed, code, actor.Clip(200), time.GetUtcNow().UtcDateTime);

            var (mapped, affected) = CountryNames.Remap(await db.OcdsPublications.ToListAsync(cancellationToken), key, code);
            using (await gate.EnterAsync(affected, cancellationToken))
            {
                foreach (var member in affected)
                {
                    await assessor.ReassessAsync(db, member, $"country-name {trimmed}", [], cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            return alias.ToResponse(mapped);
        }));
    }
}
