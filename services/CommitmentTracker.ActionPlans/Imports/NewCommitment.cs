using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;
using CommitmentTracker.ServiceDefaults;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>What every commitment an import writes carries of the import: its id, the sheet's layout and the import's start.</summary>
internal sealed record ImportStamp(Guid ImportId, string Layout, DateTime At);

/// <summary>
/// A new commitment as an import stores it: the entity, its first version and its <see cref="CommitmentAdded"/> event as
/// an outbox row. All three are functions of the row and the <see cref="ImportStamp"/> alone, so the parser's thread
/// builds them for the rows of plans the database did not hold (a first import's every row) and the writer's thread,
/// the import's bottleneck, only inserts them.
/// </summary>
internal sealed record NewCommitment(Commitment Commitment, CommitmentVersion FirstVersion, OutboxMessage Added)
{
    public static NewCommitment Of(ImportedRow row, ImportStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(stamp);
        var commitment = new Commitment
        {
            Id = row.Id,
            ActionPlanId = row.ActionPlanId,
            MemberCode = row.MemberCode,
            Layout = stamp.Layout,
            Title = string.Empty,
            Cells = string.Empty,
            ContentHash = [],
            FullHash = [],
            Version = 1,
            FirstSeenAt = stamp.At,
        };
        var areas = CommitmentFields.Apply(commitment, row.Cells, row, stamp);
        var version = new CommitmentVersion { CommitmentId = row.Id, Version = 1, Kind = ChangeKind.Added, ImportId = stamp.ImportId, At = stamp.At };
        var added = ServiceDbContext.ToOutboxMessage(new CommitmentAdded
        {
            CommitmentId = row.Id,
            ActionPlanId = row.ActionPlanId,
            MemberCode = row.MemberCode,
            Title = commitment.Title,
            PolicyAreas = areas,
            ImportId = stamp.ImportId,
            OccurredAt = stamp.At,
            Current = CommitmentCells.Snapshot(row.Cells, areas),
        });
        return new NewCommitment(commitment, version, added);
    }
}

/// <summary>How a commitment's columns follow from a row's cells, for a new commitment and a changed one alike.</summary>
internal static class CommitmentFields
{
    /// <summary>Copies the cells and what derives from them onto the entity; returns the policy areas flagged.</summary>
    public static List<string> Apply(Commitment commitment, IReadOnlyDictionary<string, string> cells, ImportedRow row, ImportStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(stamp);
        var areas = CommitmentCells.PolicyAreas(cells);
        var (start, end) = OgpDate.ParsePair(cells.Get(SheetColumns.StartDate), cells.Get(SheetColumns.EndDate));
        commitment.ActionPlanId = row.ActionPlanId;
        commitment.MemberCode = row.MemberCode;
        commitment.Layout = stamp.Layout;
        commitment.Title = cells.Get(SheetColumns.Title) ?? string.Empty;
        commitment.ShortTitle = cells.Get(SheetColumns.ShortTitle).Clip(1000);
        commitment.FullText = cells.Get(SheetColumns.FullText);
        commitment.LeadInstitution = cells.Get(SheetColumns.LeadInstitution);
        commitment.Completion = CommitmentCells.LatestCompletion(cells).Clip(50);
        commitment.PolicyAreas = CommitmentCells.PolicyAreaSlugs(areas);
        commitment.StartDate = start?.Date;
        commitment.EndDate = end?.Date;
        // Worked out while parsing for a row of a plan the database did not hold; valid for the row's own cells only.
        var stored = (ReferenceEquals(cells, row.Cells) ? row.Stored : null) ?? StoredCells.Of(cells, row.Extra);
        commitment.Cells = stored.Json;
        commitment.ExtraCells = row.Extra is null ? null : CommitmentCells.Serialize(row.Extra);
        (commitment.ContentHash, commitment.FullHash) = (stored.ContentHash, stored.FullHash);
        commitment.UpdatedAt = stamp.At;
        commitment.LastImportId = stamp.ImportId;
        return areas;
    }
}
