using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.ActionPlans;

/// <summary>
/// <c>POST /api/action-plans</c>: an admin records an action plan (and its member when new). The plan and its
/// <see cref="ActionPlanImported"/> event are saved in one transaction. The request's fields are checked by their
/// attributes (<see cref="RegisterActionPlanRequest"/>) before the handler runs; the handler checks the years together.
/// </summary>
internal static class RegisterActionPlan
{
    private const int MaxAttempts = 3;
    private const string InvalidTitle = "The action plan is not valid.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/action-plans", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(RegisterActionPlan))
            .WithSummary("Record an action plan")
            .WithDescription("Admins only. Creates the member when its code is new (or renames it), stores the plan and publishes ActionPlanImported. An existing plan id is a 409.")
            .WithValidationTitle(InvalidTitle)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    internal static async Task<Results<Created<ActionPlanResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterActionPlanRequest request, ActionPlansDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.EndYear < request.SubmissionYear)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endYear"] = ["endYear cannot be before submissionYear."] }, title: InvalidTitle);
        }

        // OGP ids are upper case; normalising keeps SQLite (case-sensitive) and SQL Server (case-insensitive) alike.
        var id = request.ActionPlanId!.Trim().ToUpperInvariant();
        var code = request.MemberCode!.Trim().ToUpperInvariant();
        var name = request.MemberName!.Trim();
        for (var attempt = 1; ; attempt++)
        {
            if (await db.ActionPlans.AnyAsync(p => p.Id == id, cancellationToken))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The action plan exists already.", detail: $"Action plan '{id}' was recorded before.");
            }

            var plan = await StageAsync(db, time, request, id, code, name, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/action-plans/{Uri.EscapeDataString(id)}", plan.ToResponse(name));
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A concurrent request created the same member or plan first: look again (the plan check answers 409).
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Adds the plan, its member (new or renamed) and the event to the context, unsaved.</summary>
    private static async Task<ActionPlan> StageAsync(
        ActionPlansDb db, TimeProvider time, RegisterActionPlanRequest request, string id, string code, string name, CancellationToken cancellationToken)
    {
        var member = await db.Members.FindAsync([code], cancellationToken);
        if (member is null)
        {
            db.Members.Add(new Member { Code = code, Name = name });
        }
        else
        {
            member.Name = name;
        }

        var now = time.GetUtcNow();
        var plan = new ActionPlan
        {
            Id = id,
            MemberCode = code,
            Number = request.Number,
            SubmissionYear = request.SubmissionYear,
            EndYear = request.EndYear,
            FirstSeenAt = now.UtcDateTime,
        };
        db.ActionPlans.Add(plan);
        db.PublishOnCommit(new ActionPlanImported
        {
            ActionPlanId = id,
            MemberCode = code,
            MemberName = name,
            Number = plan.Number,
            SubmissionYear = plan.SubmissionYear,
            EndYear = plan.EndYear,
            OccurredAt = now,
        });
        return plan;
    }
}
