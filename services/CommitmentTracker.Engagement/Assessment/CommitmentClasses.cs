using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Persistence;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>An open contracting commitment the IRM has assessed for completion, with its level (0–3).</summary>
internal sealed record AssessedCommitment(TrackedCommitment Commitment, int Level);

/// <summary>
/// Why a commitment counts: OGP's flag (<see cref="OgpFlag"/>) and/or liaisons' confirmed tags
/// (<see cref="Liaisons"/>), with the organisations that approved those tags.
/// </summary>
internal sealed record CommitmentSource(bool FromFlag, bool FromLiaisons, IReadOnlyList<string> ConfirmedBy)
{
    public const string OgpFlag = "OGP";
    public const string Liaisons = "liaisons";

    /// <summary>The API's codes: <c>OGP</c> (OGP's own flag), <c>liaisons</c> (a confirmed tag).</summary>
    public IReadOnlyList<string> Codes => [.. new[] { FromFlag ? OgpFlag : null, FromLiaisons ? Liaisons : null }.OfType<string>()];

    /// <summary>In words, e.g. <c>OGP flag; confirmed by OGP and OCP</c>.</summary>
    public string Describe() => string.Join("; ", new[]
    {
        FromFlag ? "OGP flag" : null,
        FromLiaisons ? (ConfirmedBy.Count == 0 ? "confirmed by liaisons" : "confirmed by " + And(ConfirmedBy)) : null,
    }.OfType<string>());
}

/// <summary>A commitment OGP flagged Open Contracting that a liaison's rejection took out of the assessment.</summary>
internal sealed record ExcludedCommitment(TrackedCommitment Commitment, LiaisonDecision Rejection)
{
    /// <summary>e.g. <c>UK0098 (OGP flag; open-contracting rejected by carol (OCP) on 2026-12-04: "fiscal data")</c>.</summary>
    public string Describe() =>
        $"{Commitment.Id} (OGP flag; {Rejection.Tag} rejected by {Rejection.Actor ?? "a liaison"}{(Rejection.Organisation is { } org ? $" ({org})" : string.Empty)} on {Day(DateOnly.FromDateTime(Rejection.DecidedAt))}: {(Rejection.Reason is { } reason ? $"\"{reason}\"" : "no reason given")})";
}

/// <summary>What decides a commitment's class: the sheet's flags (when they count) and the liaisons' tags and decisions.</summary>
internal sealed record ClassSettings(IReadOnlyCollection<string> OpenContractingTags, IReadOnlyCollection<string> AdjacentTags, bool CountOgpFlags);

/// <summary>
/// A member's commitments as OGP's flags and liaisons' decisions class them, each list ordered by id: the open
/// contracting ones (OGP's <c>Open Contracting</c> flag, unless a liaison rejected the open contracting tag since, or
/// a confirmed <c>Engagement:OpenContractingTags</c> tag), the adjacent (procurement) ones (the <c>Public Procurement</c>
/// flag, or a confirmed <c>Engagement:AdjacentTags</c> tag, and not open contracting), the open contracting ones with
/// an IRM completion, the flagged ones liaisons took out, and the source of each counted commitment.
/// </summary>
internal sealed record CommitmentClasses(
    IReadOnlyList<TrackedCommitment> OpenContracting,
    IReadOnlyList<TrackedCommitment> Adjacent,
    IReadOnlyList<AssessedCommitment> Assessed,
    IReadOnlyList<ExcludedCommitment> Excluded,
    IReadOnlyDictionary<string, CommitmentSource> Sources)
{
    public static CommitmentClasses Of(
        IReadOnlyList<TrackedCommitment> commitments, IReadOnlyList<ConfirmedTag> confirmedTags, IReadOnlyList<LiaisonDecision> decisions, ClassSettings settings)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(confirmedTags);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(settings);
        var tags = confirmedTags.ToLookup(t => t.CommitmentId);
        var decisionOf = decisions.GroupBy(d => d.CommitmentId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DecidedAt)!);
        var (openContracting, adjacent, excluded) = (new List<TrackedCommitment>(), new List<TrackedCommitment>(), new List<ExcludedCommitment>());
        var sources = new Dictionary<string, CommitmentSource>(StringComparer.Ordinal);
        foreach (var c in commitments.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var ocTags = tags[c.Id].Where(t => settings.OpenContractingTags.Contains(t.Tag, StringComparer.Ordinal)).ToList();
            var rejection = decisionOf.GetValueOrDefault(c.Id) is { Decision: LiaisonDecision.Rejected } d ? d : null;
            var flagged = settings.CountOgpFlags && c.OpenContractingFlag;
            if (flagged && rejection is not null && ocTags.Count == 0)
            {
                excluded.Add(new ExcludedCommitment(c, rejection));
            }
            else if (flagged || ocTags.Count > 0)
            {
                openContracting.Add(c);
                sources[c.Id] = new CommitmentSource(flagged, ocTags.Count > 0, ApprovedBy(ocTags));
                continue;
            }

            var adjacentTags = tags[c.Id].Where(t => settings.AdjacentTags.Contains(t.Tag, StringComparer.Ordinal)).ToList();
            var procurementFlag = settings.CountOgpFlags && c.PublicProcurementFlag;
            if (procurementFlag || adjacentTags.Count > 0)
            {
                adjacent.Add(c);
                sources[c.Id] = new CommitmentSource(procurementFlag, adjacentTags.Count > 0, ApprovedBy(adjacentTags));
            }
        }

        var assessed = openContracting
            .Select(c => (Commitment: c, Level: IrmScale.CompletionLevel(EngagementRules.Completion(c))))
            .Where(x => x.Level is not null)
            .Select(x => new AssessedCommitment(x.Commitment, x.Level!.Value)).ToList();
        return new CommitmentClasses(openContracting, adjacent, assessed, excluded, sources);
    }

    /// <summary>The commitment's id and its sources, with <paramref name="value"/> (an IRM value) between them when given: <c>PNG0006 Limited (OGP flag)</c>.</summary>
    public string Name(TrackedCommitment commitment, string? value = null) =>
        $"{commitment.Id}{(value is null ? string.Empty : " " + value)}{(Sources.TryGetValue(commitment.Id, out var source) ? $" ({source.Describe()})" : string.Empty)}";

    /// <summary>The sentence naming the flagged commitments liaisons took out, or none.</summary>
    public string? ExcludedSentence() => Excluded.Count == 0 ? null :
        $"Left out by liaisons: {List(Excluded.Select(x => x.Describe()))}.";

    /// <summary>The organisations that approved the tags, OGP first, then OCP, then any other (an admin's approval).</summary>
    private static string[] ApprovedBy(IEnumerable<ConfirmedTag> tags) =>
        [.. tags.SelectMany(t => StoredLines.Split(t.ApprovedBy)).Distinct(StringComparer.Ordinal)
            .OrderBy(o => o switch { "OGP" => 0, "OCP" => 1, _ => 2 }).ThenBy(o => o, StringComparer.Ordinal)];
}
