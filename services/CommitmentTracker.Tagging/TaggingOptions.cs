using System.ComponentModel.DataAnnotations;

namespace CommitmentTracker.Tagging;

/// <summary>Settings under <c>Tagging</c>. The rules, mappings and labelled priors are data (<c>/api/tag-rules</c>, <c>/api/tag-policy-areas</c>), not settings.</summary>
internal sealed class TaggingOptions : IValidatableObject
{
    public const string SectionName = "Tagging";

    /// <summary>Suggestions whose calibrated confidence is below this are not stored (nor published): the rules' noise.</summary>
    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.02;

    /// <summary>
    /// Suggestions at or above this confidence are queued for liaisons (<c>pending</c>, <c>TagSuggested</c>); those below
    /// it, down to <see cref="MinimumConfidence"/>, are stored as <c>held</c>: visible, decidable, not queued.
    /// </summary>
    [Range(0.0, 1.0)]
    public double QueueThreshold { get; set; } = 0.5;

    /// <summary>How long another instance's decisions may take to reach this instance's calibration.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CalibrationRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most suggestion ids one bulk accept or reject may name.</summary>
    [Range(1, 1000)]
    public int MaxBulkReview { get; set; } = 200;

    /// <summary>Commitments a recomputation handles per transaction.</summary>
    [Range(1, 5000)]
    public int RecomputeBatchSize { get; set; } = 100;

    /// <summary>How often an idle instance looks for a recomputation to work on (a start in this instance wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RecomputePollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an instance holds a recomputation between batches before another may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RecomputeLease { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QueueThreshold < MinimumConfidence)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(QueueThreshold)} ({QueueThreshold}) must be at least {SectionName}:{nameof(MinimumConfidence)} ({MinimumConfidence}).",
                [nameof(QueueThreshold), nameof(MinimumConfidence)]);
        }
    }
}
