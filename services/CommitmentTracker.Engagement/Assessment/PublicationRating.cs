using CommitmentTracker.Engagement.Data;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>A registry publication with its freshness and its value for the score.</summary>
internal sealed record RatedPublication(OcdsPublication Publication, bool Fresh, double Value);

/// <summary>How much a member's OCDS publications say: freshness, stages covered, and their description in words.</summary>
internal static class PublicationRating
{
    private static readonly string[] Stages = ["tender", "awards", "contracts", "implementation"];

    /// <summary>The stages among tender, awards, contracts and implementation that the registry's coverage counts above 0.</summary>
    public static IReadOnlyList<string> StagesCovered(IReadOnlyDictionary<string, long>? coverage) =>
        coverage is null ? [] : [.. Stages.Where(stage => Covered(coverage, stage == "implementation" ? "/contracts/implementation" : "/" + stage))];

    /// <summary>Fresh: the data (<c>date_to</c>, else <c>last_retrieved</c>) is at most <paramref name="staleAfterDays"/> old.</summary>
    public static bool IsFresh(OcdsPublication publication, DateOnly today, int staleAfterDays) =>
        (publication.DateTo ?? publication.LastRetrieved) is { } end && end.AddDays(staleAfterDays) >= today;

    /// <summary>Each publication rated, the best first (then by id).</summary>
    public static IReadOnlyList<RatedPublication> Rate(IEnumerable<OcdsPublication> publications, DateOnly today, int staleAfterDays) =>
        [.. publications
            .Select(p => new RatedPublication(p, IsFresh(p, today, staleAfterDays), Value(p, today, staleAfterDays)))
            .OrderByDescending(x => x.Value).ThenBy(x => x.Publication.Id)];

    /// <summary>The rated publications in words, e.g. <c>'Procurement monitoring bureau' (frozen, data to 2021-05-31, stages: tender)</c>.</summary>
    public static string Describe(IEnumerable<RatedPublication> rated) =>
        List(rated.Select(x => $"'{x.Publication.Title}' ({Describe(x.Publication, x.Fresh)})"));

    /// <summary>Freshness (1 fresh, 0.5 stale, 0.25 frozen) times stage coverage (half for publishing, half shared by the four stages).</summary>
    private static double Value(OcdsPublication p, DateOnly today, int staleAfterDays) =>
        (p.Frozen ? 0.25 : IsFresh(p, today, staleAfterDays) ? 1 : 0.5) * (0.5 + (0.5 * p.StageList.Count / Stages.Length));

    private static string Describe(OcdsPublication p, bool fresh) =>
        $"{(p.Frozen ? "frozen" : fresh ? "fresh" : "stale")}, data to {((p.DateTo ?? p.LastRetrieved) is { } end ? Day(end) : "unknown")}, stages: {(p.StageList.Count == 0 ? "none" : string.Join(", ", p.StageList))}";

    private static bool Covered(IReadOnlyDictionary<string, long> coverage, string path) => coverage.TryGetValue(path, out var count) && count > 0;
}
