using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Commitments;

/// <summary>
/// The filters the commitment list and the export share:
/// <c>member, actionPlan, policyArea, completion, q, includeRemoved, sort</c>.
/// </summary>
internal sealed record CommitmentQuery(
    string? Member,
    string? ActionPlan,
    string? PolicyArea,
    string? Completion,
    string? Q,
    bool? IncludeRemoved,
    string? Sort)
{
    public const int MaxSearchLength = 200;

    private static readonly string[] Sorts = ["id", "-id", "title", "-title", "member", "-member", "startDate", "-startDate", "updated", "-updated"];

    /// <summary>Validation errors keyed by parameter, empty when the query is usable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (PolicyArea is { Length: > 0 } area && CommitmentCells.PolicyAreaSlug(area) is null)
        {
            errors["policyArea"] = [$"Unknown policy area '{area}'. Use a sheet column name (e.g. 'Open Contracting') or its slug ('open-contracting')."];
        }

        if (Q is { Length: > MaxSearchLength })
        {
            errors["q"] = [$"q is at most {MaxSearchLength} characters."];
        }

        if (Sort is { Length: > 0 } sort && !Sorts.Contains(sort, StringComparer.OrdinalIgnoreCase))
        {
            errors["sort"] = [$"sort is one of: {string.Join(", ", Sorts)}."];
        }

        return errors;
    }

    /// <summary>The commitments of <paramref name="db"/> (untracked) that match the filters.</summary>
    public IQueryable<Commitment> Apply(ActionPlansDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Commitments.AsNoTracking();
        if (IncludeRemoved != true)
        {
            query = query.Where(c => !c.Removed);
        }

        if (!string.IsNullOrWhiteSpace(Member))
        {
            var code = Member.Trim().ToUpperInvariant();
            query = query.Where(c => c.MemberCode == code);
        }

        if (!string.IsNullOrWhiteSpace(ActionPlan))
        {
            var plan = ActionPlan.Trim().ToUpperInvariant();
            query = query.Where(c => c.ActionPlanId == plan);
        }

        if (!string.IsNullOrWhiteSpace(PolicyArea) && CommitmentCells.PolicyAreaSlug(PolicyArea) is { } slug)
        {
            var token = $"|{slug}|";
            query = query.Where(c => c.PolicyAreas.Contains(token));
        }

        if (!string.IsNullOrWhiteSpace(Completion))
        {
            var completion = Completion.Trim().ToLowerInvariant();
            query = query.Where(c => c.Completion == completion);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Case-insensitive everywhere: LIKE on SQLite (ASCII) and SQL Server (its collation), ILIKE on PostgreSQL,
            // whose LIKE is case-sensitive. The pattern's wildcards are escaped.
            var pattern = "%" + Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = db.Database.IsNpgsql()
                ? query.Where(c => EF.Functions.ILike(c.Title, pattern, "\\")
                    || (c.ShortTitle != null && EF.Functions.ILike(c.ShortTitle, pattern, "\\"))
                    || (c.FullText != null && EF.Functions.ILike(c.FullText, pattern, "\\")))
                : query.Where(c => EF.Functions.Like(c.Title, pattern, "\\")
                    || (c.ShortTitle != null && EF.Functions.Like(c.ShortTitle, pattern, "\\"))
                    || (c.FullText != null && EF.Functions.Like(c.FullText, pattern, "\\")));
        }

        return query;
    }

    public IOrderedQueryable<Commitment> Order(IQueryable<Commitment> query) => Sort?.ToLowerInvariant() switch
    {
        "-id" => query.OrderByDescending(c => c.Id),
        "title" => query.OrderBy(c => c.Title).ThenBy(c => c.Id),
        "-title" => query.OrderByDescending(c => c.Title).ThenBy(c => c.Id),
        "member" => query.OrderBy(c => c.MemberCode).ThenBy(c => c.Id),
        "-member" => query.OrderByDescending(c => c.MemberCode).ThenBy(c => c.Id),
        // Commitments without a start date first, as SQLite and SQL Server order NULL; PostgreSQL would put them last.
        "startdate" => query.OrderBy(c => c.StartDate != null).ThenBy(c => c.StartDate).ThenBy(c => c.Id),
        "-startdate" => query.OrderByDescending(c => c.StartDate != null).ThenByDescending(c => c.StartDate).ThenBy(c => c.Id),
        "updated" => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        "-updated" => query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id),
        _ => query.OrderBy(c => c.Id),
    };
}
