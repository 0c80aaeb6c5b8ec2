using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// One difference between an imported file and the stored data, found once by <see cref="ImportComparer"/>. A real
/// import's <see cref="ImportWriter"/> applies it; a dry run's <see cref="DryRunWriter"/> only records it.
/// </summary>
internal abstract record ImportChange;

/// <summary>A member seen for the first time.</summary>
internal sealed record MemberAdded(Member Member) : ImportChange;

/// <summary>
/// An action plan seen for the first time, with what its first row says (<see cref="ActionPlanImported"/> carries
/// these; later rows of the same file may still update the plan itself).
/// </summary>
internal sealed record PlanAdded(ActionPlan Plan, string MemberName, int? Number, int? SubmissionYear, int? EndYear) : ImportChange;

/// <summary>A commitment the database does not have yet.</summary>
internal sealed record RowAdded(ImportedRow Row) : ImportChange;

/// <summary>
/// A stored commitment whose meaningful cells differ (<see cref="ChangeKind.Changed"/>), or one that was removed and
/// is back (<see cref="ChangeKind.Restored"/>): its cells after the import and every field before and after.
/// </summary>
internal sealed record RowChanged(Commitment Stored, ImportedRow Row, IReadOnlyDictionary<string, string> Cells, string Kind, List<FieldChange> Changes) : ImportChange
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The field changes as a version and a dry run's entry store them: null when there are none (a restoration as it was).</summary>
    public string? ChangesJson() => Changes.Count > 0 ? JsonSerializer.Serialize(Changes, Json) : null;
}

/// <summary>A stored commitment whose housekeeping or extra columns moved: stored again, but not news (no version, no event).</summary>
internal sealed record RowRefreshed(Commitment Stored, ImportedRow Row, IReadOnlyDictionary<string, string> Cells) : ImportChange;

/// <summary>A stored commitment of a plan in the file, of the file's layout, that the file no longer has: marked removed, kept.</summary>
internal sealed record CommitmentAbsent(Commitment Stored) : ImportChange;

/// <summary>What is known only once the whole file is read: the members and plans whose fields moved, and the rejected rows kept.</summary>
internal sealed record ImportEnd(IReadOnlyList<Member> UpdatedMembers, IReadOnlyList<ActionPlan> UpdatedPlans, IReadOnlyList<ImportRowError> Errors);
