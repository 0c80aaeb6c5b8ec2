using System.Text.RegularExpressions;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.ActionPlans;

/// <summary>
/// <c>POST /api/action-plans</c>: an admin records an action plan (and its member when new). The plan and its
/// <see cref="ActionPlanImported"/> event are saved in one transaction.
/// </summary>
internal static partial class RegisterActionPlan
{
    private const int MaxAttempts = 3;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/action-plans", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(RegisterActionPlan))
            .WithSummary("Record an action plan")
            .WithDescription("Admins only. Creates the member when its code is new (or renames it), stores the plan and publishes ActionPlanImported. An existing plan id is a 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    internal static async Task<Results<Created<ActionPlanResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterActionPlanRequest request, ActionPlansDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The action plan is not valid.");
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

    internal static Dictionary<string, string[]> Validate(RegisterActionPlanRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ActionPlanId) || !ActionPlanIdPattern().IsMatch(request.ActionPlanId.Trim()))
        {
            errors["actionPlanId"] = ["actionPlanId is required: 3 to 40 letters, digits, '_' or '-' (e.g. AP_GBR05)."];
        }

        if (string.IsNullOrWhiteSpace(request.MemberCode) || !MemberCodePattern().IsMatch(request.MemberCode.Trim()))
        {
            errors["memberCode"] = ["memberCode is required: 3 letters (ISO alpha-3) or 4 letters for a local member."];
        }

        if (string.IsNullOrWhiteSpace(request.MemberName) || request.MemberName.Trim().Length > 200)
        {
            errors["memberName"] = ["memberName is required, at most 200 characters."];
        }

        if (request.Number is < 1 or > 99)
        {
            errors["number"] = ["number must be between 1 and 99."];
        }

        if (request.SubmissionYear is < 2011 or > 2100)
        {
            errors["submissionYear"] = ["submissionYear must be between 2011 (OGP's founding) and 2100."];
        }

        if (request.EndYear is < 2011 or > 2100)
        {
            errors["endYear"] = ["endYear must be between 2011 and 2100."];
        }
        else if (request.EndYear < request.SubmissionYear)
        {
            errors["endYear"] = ["endYear cannot be before submissionYear."];
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{3,40}$")]
    private static partial Regex ActionPlanIdPattern();

    [GeneratedRegex("^[A-Za-z]{3,4}$")]
    private static partial Regex MemberCodePattern();
}
