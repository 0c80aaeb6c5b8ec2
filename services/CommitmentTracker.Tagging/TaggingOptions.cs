using System.ComponentModel.DataAnnotations;

namespace CommitmentTracker.Tagging;

/// <summary>Settings under <c>Tagging</c>. The rules themselves are data (<c>/api/tag-rules</c>), not settings.</summary>
internal sealed class TaggingOptions
{
    public const string SectionName = "Tagging";

    /// <summary>Suggestions whose combined confidence is below this are not stored (nor published).</summary>
    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.3;

    /// <summary>Most suggestion ids one bulk accept or reject may name.</summary>
    [Range(1, 1000)]
    public int MaxBulkReview { get; set; } = 200;
}
