using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.ActionPlans.Threads;

/// <summary>A commitment as the linker reads it: its member, plan (with the plan's order), words and OGP's <c>Carried Forward</c> mark.</summary>
internal sealed record LinkCandidate(string Id, string MemberCode, string ActionPlanId, int? SubmissionYear, int? PlanNumber, string Title, string? FullText, bool CarriedForward);

/// <summary>A link the linker proposes: <see cref="LinkStatus.Linked"/> (carried forward) or <see cref="LinkStatus.Suggested"/> (text alone).</summary>
internal sealed record ProposedLink(string CommitmentId, string PredecessorId, string MemberCode, string Status, string Origin, double Similarity, bool CarriedForward);

/// <summary>The documented thresholds (docs/imports.md, "Reform threads").</summary>
internal sealed record LinkThresholds(double CarriedForward, double Suggestion)
{
    /// <summary>0.40 for a row OGP marked Carried Forward; 0.60 for an unmarked pair (above every unrelated pair of the real sample, the highest 0.52).</summary>
    public static readonly LinkThresholds Default = new(0.40, 0.60);
}

/// <summary>
/// Links each commitment to its predecessor in the same member's previous plan (plans ordered by submission year,
/// number, id): the previous plan's commitment with the most similar title and text. A commitment OGP marked
/// <c>Carried Forward</c> = 1 is linked when that similarity reaches <see cref="LinkThresholds.CarriedForward"/>;
/// an unmarked one is suggested (for a liaison to confirm) from the higher <see cref="LinkThresholds.Suggestion"/>.
/// Links never cross members: candidates are grouped by member first. Pure: same input, same links.
/// </summary>
internal static class ReformLinker
{
    public static List<ProposedLink> Propose(IReadOnlyList<LinkCandidate> commitments, TextSimilarity similarity, LinkThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        return Propose(commitments, c => similarity.Prepare(c.Title, c.FullText), similarity, thresholds);
    }

    /// <summary>
    /// As above, with each commitment's prepared words from <paramref name="prepare"/> (called once per commitment; the
    /// candidates' title and text are not read): for words counted as the corpus was read.
    /// </summary>
    public static List<ProposedLink> Propose(IReadOnlyList<LinkCandidate> commitments, Func<LinkCandidate, TextSimilarity.Document> prepare, TextSimilarity similarity, LinkThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentNullException.ThrowIfNull(thresholds);
        var links = new List<ProposedLink>();
        foreach (var member in commitments.GroupBy(c => c.MemberCode, StringComparer.Ordinal))
        {
            var plans = member.GroupBy(c => c.ActionPlanId, StringComparer.Ordinal)
                .OrderBy(p => p.First().SubmissionYear ?? int.MaxValue).ThenBy(p => p.First().PlanNumber ?? int.MaxValue).ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToList();
            if (plans.Count < 2)
            {
                continue;
            }

            // Each commitment's words are prepared once, plan by plan (in id order), and scored against the whole previous plan.
            (LinkCandidate Candidate, TextSimilarity.Document Document)[] previous = [];
            for (var i = 0; i < plans.Count; i++)
            {
                var current = plans[i].OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => (c, prepare(c))).ToArray();
                if (i > 0)
                {
                    links.AddRange(Link(member.Key, current, previous, similarity, thresholds));
                }

                previous = current;
            }
        }

        return links;
    }

    /// <summary>
    /// Each commitment of a plan with its best predecessor in the previous plan, linked or suggested when it reaches the
    /// thresholds. Scored one predecessor at a time against the whole plan (<see cref="TextSimilarity.ScoreAgainst"/>).
    /// </summary>
    private static IEnumerable<ProposedLink> Link(
        string memberCode, (LinkCandidate Candidate, TextSimilarity.Document Document)[] current, (LinkCandidate Candidate, TextSimilarity.Document Document)[] previous,
        TextSimilarity similarity, LinkThresholds thresholds)
    {
        // The highest score; between equal scores the lowest id (whatever order the predecessors come in).
        var best = new (LinkCandidate? Predecessor, double Score)[current.Length];
        var laters = current.Select(c => c.Document).ToArray();
        var scores = new double[current.Length];
        foreach (var (predecessor, document) in previous)
        {
            similarity.ScoreAgainst(document, laters, scores);
            for (var k = 0; k < current.Length; k++)
            {
                if (best[k].Predecessor is not { } held || scores[k] > best[k].Score
                    || (scores[k] == best[k].Score && string.CompareOrdinal(predecessor.Id, held.Id) < 0))
                {
                    best[k] = (predecessor, scores[k]);
                }
            }
        }

        for (var k = 0; k < current.Length; k++)
        {
            var (commitment, (predecessor, score)) = (current[k].Candidate, best[k]);
            if (predecessor is null)
            {
                continue;
            }

            if (commitment.CarriedForward && score >= thresholds.CarriedForward)
            {
                yield return new ProposedLink(commitment.Id, predecessor.Id, memberCode, LinkStatus.Linked, LinkOrigin.CarriedForward, score, true);
            }
            else if (score >= thresholds.Suggestion)
            {
                yield return new ProposedLink(commitment.Id, predecessor.Id, memberCode, LinkStatus.Suggested, LinkOrigin.Similarity, score, commitment.CarriedForward);
            }
        }
    }
}
