using CommitmentTracker.Persistence;
using System.Text.Json;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>
/// Recomputes a member's assessment inside the caller's unit of work. It reads the context's tracked state (so changes
/// not yet saved count), and when the category, a component, or the dips in force move it stores the new assessment,
/// a history entry and an <see cref="EngagementAssessed"/> in the outbox: all in the caller's one <c>SaveChanges</c>.
/// The same facts give the same result, so a redelivered or repeated event changes nothing.
/// </summary>
internal sealed class EngagementAssessor(EngagementRules rules, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Returns whether the assessment moved (a history entry was added). <paramref name="falls"/> are dips seen by the
    /// caller in this change. <paramref name="factsLoaded"/>: the caller loaded the member's facts (<see cref="LoadFactsAsync"/>).
    /// </summary>
    public async Task<bool> ReassessAsync(EngagementDb db, string memberCode, string trigger, IReadOnlyList<DipSignal> falls, CancellationToken cancellationToken, bool factsLoaded = false)
    {
        // Local views need no change detection (states are set by Add/Remove, values read from the tracked objects);
        // detecting on each of them would scan every tracked row once per member during a registry import.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await ReassessTrackedAsync(db, memberCode, trigger, falls, factsLoaded, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Loads the facts of several members in one query per table (tracked), for a batch that reassesses them all: what
    /// <see cref="ReassessAsync"/> would otherwise load member by member.
    /// </summary>
    public static async Task LoadFactsAsync(EngagementDb db, IEnumerable<string> memberCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = memberCodes.Distinct(StringComparer.Ordinal).ToList();
        await db.Members.Where(m => codes.Contains(m.Code)).LoadAsync(cancellationToken);
        await db.Assessments.Where(a => codes.Contains(a.MemberCode)).LoadAsync(cancellationToken);
        await db.Commitments.Where(c => codes.Contains(c.MemberCode)).LoadAsync(cancellationToken);
        await db.ConfirmedTags.Where(t => codes.Contains(t.MemberCode)).LoadAsync(cancellationToken);
        await db.OcdsPublications.Where(p => p.MemberCode != null && codes.Contains(p.MemberCode)).LoadAsync(cancellationToken);
        await db.MandateScores.Where(m => codes.Contains(m.MemberCode)).LoadAsync(cancellationToken);
        await db.LiaisonDecisions.Where(d => codes.Contains(d.MemberCode)).LoadAsync(cancellationToken);
        await db.MemberActionPlans.Where(p => codes.Contains(p.MemberCode)).LoadAsync(cancellationToken);
        await db.ThreadLinks.Where(l => codes.Contains(l.MemberCode)).LoadAsync(cancellationToken);
    }

    private async Task<bool> ReassessTrackedAsync(EngagementDb db, string memberCode, string trigger, IReadOnlyList<DipSignal> falls, bool factsLoaded, CancellationToken cancellationToken)
    {
        var member = await db.Members.FindAsync([memberCode], cancellationToken);
        if (member is null)
        {
            return false;
        }

        if (!factsLoaded)
        {
            await db.Commitments.Where(c => c.MemberCode == memberCode).LoadAsync(cancellationToken);
            await db.ConfirmedTags.Where(t => t.MemberCode == memberCode).LoadAsync(cancellationToken);
            await db.OcdsPublications.Where(p => p.MemberCode == memberCode).LoadAsync(cancellationToken);
            await db.MandateScores.Where(m => m.MemberCode == memberCode).LoadAsync(cancellationToken);
            await db.LiaisonDecisions.Where(d => d.MemberCode == memberCode).LoadAsync(cancellationToken);
            await db.MemberActionPlans.Where(p => p.MemberCode == memberCode).LoadAsync(cancellationToken);
            await db.ThreadLinks.Where(l => l.MemberCode == memberCode).LoadAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var facts = new MemberFacts(
            member,
            [.. db.Commitments.Local.Where(c => c.MemberCode == memberCode && !c.Removed)],
            [.. db.ConfirmedTags.Local.Where(t => t.MemberCode == memberCode)],
            [.. db.OcdsPublications.Local.Where(p => p.MemberCode == memberCode)],
            [.. db.MandateScores.Local.Where(m => m.MemberCode == memberCode)],
            DateOnly.FromDateTime(now.UtcDateTime))
        {
            Decisions = [.. db.LiaisonDecisions.Local.Where(d => d.MemberCode == memberCode)],
            Plans = [.. db.MemberActionPlans.Local.Where(p => p.MemberCode == memberCode)],
            Links = [.. db.ThreadLinks.Local.Where(l => l.MemberCode == memberCode)],
        };
        var result = rules.Assess(facts);

        var current = await db.Assessments.FindAsync([memberCode], cancellationToken);
        var conditions = result.Conditions.Select(c => c.Kind).ToList();
        var components = JsonSerializer.Serialize(result.Components, Json);
        var previousConditions = current is null ? [] : StoredLines.Split(current.DipConditions);
        var dips = result.Conditions.Where(c => !previousConditions.Contains(c.Kind)).Concat(falls).ToList();
        var moved = current is null
                    || current.Category != result.Category
                    || !SameScores(Components(current.Components), result.Components)
                    || !previousConditions.SequenceEqual(conditions)
                    || dips.Count > 0;
        if (!moved)
        {
            // Same category, scores and dips: only the words may differ (a renamed commitment); no history for that.
            current!.Explanation = result.Explanation;
            current.Components = components;
            current.Warnings = StoredLines.Join(result.Conditions.Select(c => c.Reason));
            return false;
        }

        var previousCategory = current?.Category;
        if (current is null)
        {
            current = new MemberAssessment { MemberCode = memberCode, Category = result.Category, Components = components, Explanation = result.Explanation };
            db.Assessments.Add(current);
        }

        current.Category = result.Category;
        current.Score = result.Score;
        current.Components = components;
        current.Explanation = result.Explanation;
        current.DipConditions = StoredLines.Join(conditions);
        current.Warnings = StoredLines.Join(result.Conditions.Select(c => c.Reason));
        current.Version++;
        current.AssessedAt = now.UtcDateTime;
        db.AssessmentHistory.Add(new AssessmentHistoryEntry
        {
            MemberCode = memberCode,
            Version = current.Version,
            PreviousCategory = previousCategory,
            Category = result.Category,
            Score = result.Score,
            Components = components,
            Explanation = result.Explanation,
            IsDip = dips.Count > 0,
            DipReasons = StoredLines.Join(dips.Select(d => d.Reason)),
            Trigger = trigger.Clip(100),
            AssessedAt = now.UtcDateTime,
        });

        // A member first seen with nothing to assess (no signal yet, or not enough data and no component) is stored, but
        // not announced: there is no category to alert on.
        if (previousCategory is not null || result.Category is not (EngagementCategory.NotEnoughData or EngagementCategory.NoSignalYet) || result.Components.Count > 0)
        {
            db.PublishOnCommit(new EngagementAssessed
            {
                MemberCode = memberCode,
                MemberName = member.Name,
                Region = member.Region,
                PreviousCategory = previousCategory,
                Category = result.Category,
                Score = result.Score,
                Components = [.. result.Components.Select(c => new EngagementComponent(c.Name, c.Score, c.Explanation))],
                Explanation = result.Explanation,
                IsDip = dips.Count > 0,
                DipReasons = [.. dips.Select(d => d.Reason)],
                DipKinds = [.. dips.Select(d => d.Kind)],
                Version = current.Version,
                OccurredAt = now,
            });
        }

        return true;
    }

    public static IReadOnlyList<ComponentValue> Components(string json) => JsonSerializer.Deserialize<List<ComponentValue>>(json, Json) ?? [];

    private static bool SameScores(IReadOnlyList<ComponentValue> before, IReadOnlyList<ComponentValue> after) =>
        before.Select(c => (c.Name, Math.Round(c.Score, 4))).SequenceEqual(after.Select(c => (c.Name, Math.Round(c.Score, 4))));
}
