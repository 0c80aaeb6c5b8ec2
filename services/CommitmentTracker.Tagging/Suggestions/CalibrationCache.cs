using CommitmentTracker.Tagging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// The calibration table, read again after a decision in this process (<see cref="Invalidate"/>) and at most
/// <c>Tagging:CalibrationRefresh</c> after one in another instance.
/// </summary>
internal sealed class CalibrationCache(TimeProvider time, IOptions<TaggingOptions> options)
{
    private readonly Lock gate = new();
    private (DateTimeOffset ReadAt, CalibrationTable Table)? current;

    public async Task<CalibrationTable> GetAsync(TaggingDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (current is { } cached && now - cached.ReadAt < options.Value.CalibrationRefresh)
            {
                return cached.Table;
            }
        }

        var table = await ReadAsync(db, cancellationToken);
        lock (gate)
        {
            current = (now, table);
        }

        return table;
    }

    /// <summary>A liaison decided: the next suggestion reads the decisions again.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            current = null;
        }
    }

    public static async Task<CalibrationTable> ReadAsync(TaggingDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var priors = await db.CalibrationPriors.AsNoTracking().ToListAsync(cancellationToken);
        var counts = await db.Suggestions.AsNoTracking()
            .Where(s => s.EvidenceKind != null && s.PrimaryRule != null && (s.Status == SuggestionStatus.Accepted || s.Status == SuggestionStatus.Rejected))
            .GroupBy(s => new { s.TagId, s.EvidenceKind, s.PrimaryRule, s.Status })
            .Select(g => new { g.Key.TagId, g.Key.EvidenceKind, g.Key.PrimaryRule, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var decisions = counts.Select(c => new DecisionCount(
            c.TagId, c.EvidenceKind!, c.PrimaryRule!, c.Status == SuggestionStatus.Accepted ? c.Count : 0, c.Status == SuggestionStatus.Rejected ? c.Count : 0));
        return new CalibrationTable(priors, decisions);
    }
}
