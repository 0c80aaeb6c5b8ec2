namespace CommitmentTracker.Tagging.Data;

/// <summary>
/// What the labelled evaluation set says about suggestions of one tag and kind of evidence: how many of them were right
/// (accepted) and wrong (rejected). The prior of the calibration; liaisons' decisions are counted on top of it.
/// </summary>
internal sealed class CalibrationPrior
{
    public required string TagId { get; set; }
    public required string EvidenceKind { get; set; }
    public int Accepted { get; set; }
    public int Rejected { get; set; }

    /// <summary>The counts of the labelled tuning rows and the 20 real rows (tests/CommitmentTracker.Tagging.Tests/Evaluation; never the held-out rows); EvaluationTests keeps them current.</summary>
    public static readonly CalibrationPrior[] Seed =
    [
        Prior("beneficial-ownership", "body-text", 0, 1),
        Prior("beneficial-ownership", "flag+text", 16, 0),
        Prior("e-procurement", "body-text", 2, 1),
        Prior("e-procurement", "text", 15, 0),
        Prior("e-procurement", "weak-text", 0, 1),
        Prior("oc-disclosure", "body-text", 3, 0),
        Prior("oc-disclosure", "text", 5, 0),
        Prior("oc-participation", "body-text", 1, 0),
        Prior("oc-participation", "text", 12, 0),
        Prior("open-contracting", "body-text", 1, 1),
        Prior("open-contracting", "flag", 16, 0),
        Prior("open-contracting", "flag+text", 31, 0),
        Prior("open-contracting", "text", 22, 0),
        Prior("open-contracting", "weak-text", 0, 10),
        Prior("public-procurement", "flag", 12, 0),
        Prior("public-procurement", "flag+text", 60, 0),
        Prior("public-procurement", "flag-contradicted", 0, 14),
        Prior("public-procurement", "text", 0, 3),
        Prior("public-procurement", "weak-text", 0, 1),
        Prior("sector-education", "body-text", 0, 1),
        Prior("sector-education", "flag", 1, 0),
        Prior("sector-education", "flag+text", 6, 0),
        Prior("sector-education", "text", 0, 2),
        Prior("sector-extractives", "flag", 1, 0),
        Prior("sector-extractives", "flag+text", 13, 0),
        Prior("sector-health", "body-text", 0, 1),
        Prior("sector-health", "flag+text", 8, 0),
        Prior("sector-health", "text", 0, 3),
        Prior("sector-infrastructure", "body-text", 0, 2),
        Prior("sector-infrastructure", "flag", 2, 0),
        Prior("sector-infrastructure", "flag+text", 11, 0),
        Prior("sector-infrastructure", "text", 3, 0),
    ];

    private static CalibrationPrior Prior(string tag, string kind, int accepted, int rejected) => new() { TagId = tag, EvidenceKind = kind, Accepted = accepted, Rejected = rejected };
}
