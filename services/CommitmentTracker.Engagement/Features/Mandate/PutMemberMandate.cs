using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Mandate;

/// <summary>
/// <c>PUT /api/members/{code}/mandate</c>: a liaison (OGP or OCP) or an admin records how thick the member's open
/// contracting mandate is. Country leads cannot, even in scope: the mandate is OGP's and OCP's outside judgement of a
/// government, and a lead rating its own would be a self-assessment (docs/engagement.md). Each component's score and
/// note are checked by their attributes (<see cref="MandateComponentRequest"/>); that one is given and that no day is in
/// the future need the whole body and the clock, and are checked here.
/// </summary>
internal static class PutMemberMandate
{
    private const string InvalidTitle = "The mandate assessment is not valid.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/members/{code}/mandate", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(PutMemberMandate))
            .WithSummary("Record a member's mandate assessment")
            .WithDescription("Liaisons and admins. Political leadership, named responsible officials, resources and coalition, each 0–3 with a note and the day assessed (default today). Replaces the previous assessment; a component left out is not assessed. The engagement is reassessed at once.")
            .WithValidationTitle(InvalidTitle)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<MandateResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string code, UpdateMandateRequest? request, ClaimsPrincipal user, EngagementDb db, EngagementAssessor assessor, MemberGate gate, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var given = request is null ? [] : new (string Component, string Field, MandateComponentRequest? Value)[]
        {
            (MandateComponents.PoliticalLeadership, "politicalLeadership", request.PoliticalLeadership),
            (MandateComponents.NamedOfficials, "namedOfficials", request.NamedOfficials),
            (MandateComponents.Resources, "resources", request.Resources),
            (MandateComponents.Coalition, "coalition", request.Coalition),
        }.Where(x => x.Value is not null).ToList();

        var errors = new Dictionary<string, string[]>();
        if (given.Count == 0)
        {
            errors["body"] = ["Give at least one of politicalLeadership, namedOfficials, resources, coalition."];
        }

        foreach (var (_, field, value) in given)
        {
            if (value!.AssessedOn is { } day && day > today.AddDays(1))
            {
                errors[$"{field}.assessedOn"] = ["assessedOn cannot be in the future."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: InvalidTitle);
        }

        var memberCode = MemberCodes.Normalize(code);
        if (!await db.Members.AnyAsync(m => m.Code == memberCode, cancellationToken))
        {
            return Responses.MemberNotFound(code);
        }

        var actor = Caller.From(user).Id;
        var organisation = user.FindFirst(TrackerClaims.Organisation)?.Value;
        var enteredBy = organisation is null ? actor : $"{actor} ({organisation})";
        await MemberGate.RunAsync(db, async () =>
        {
            using var held = await gate.EnterAsync([memberCode], cancellationToken);
            var stored = await db.MandateScores.Where(m => m.MemberCode == memberCode).ToDictionaryAsync(m => m.Component, cancellationToken);
            foreach (var (component, _, value) in given)
            {
                if (!stored.Remove(component, out var score))
                {
                    score = new MandateScore { MemberCode = memberCode, Component = component, EnteredBy = enteredBy };
                    db.MandateScores.Add(score);
                }

                score.Score = value!.Score!.Value;
                score.Note = string.IsNullOrWhiteSpace(value.Note) ? null : value.Note.Trim();
                score.AssessedOn = value.AssessedOn ?? today;
                score.EnteredBy = enteredBy.Clip(200);
                score.EnteredAt = now.UtcDateTime;
            }

            db.MandateScores.RemoveRange(stored.Values);
            await assessor.ReassessAsync(db, memberCode, $"mandate by {enteredBy}", [], cancellationToken);
            return await db.SaveChangesAsync(cancellationToken);
        });

        var scores = await db.MandateScores.AsNoTracking().Where(m => m.MemberCode == memberCode).ToListAsync(cancellationToken);
        return TypedResults.Ok(scores.ToResponse(memberCode)!);
    }
}
