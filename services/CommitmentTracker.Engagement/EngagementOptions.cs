using System.ComponentModel.DataAnnotations;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Engagement.Members;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement;

/// <summary>Settings under <c>Engagement</c>: the assessment's thresholds and weights (docs/engagement.md explains each rule).</summary>
internal sealed class EngagementOptions
{
    public const string SectionName = "Engagement";

    /// <summary>Confirmed tags that make a commitment an open contracting commitment.</summary>
    public List<string> OpenContractingTags { get; set; } = ["open-contracting", "oc-disclosure", "oc-participation"];

    /// <summary>
    /// Confirmed tags that do not make an open contracting commitment but show the ground is there (a signal for
    /// category (c)): procurement reform without open data or participation is not open contracting.
    /// </summary>
    public List<string> AdjacentTags { get; set; } = ["public-procurement", "e-procurement"];

    /// <summary>
    /// Whether OGP's own policy-area flags count from the import on: <c>Open Contracting</c> makes an open contracting
    /// commitment (source <c>OGP</c>), <c>Public Procurement</c> alone a procurement one. Off, only liaisons' confirmed tags count.
    /// </summary>
    public bool CountOgpFlags { get; set; } = true;

    /// <summary>A member whose latest plan has ended, or ends within this many months, is due a new plan (a reason for category (c)).</summary>
    [Range(0, 120)]
    public int NewPlanDueMonths { get; set; } = 12;

    /// <summary>
    /// IRM ambition levels credited for each open contracting reform that grew: a linked successor more ambitious than
    /// its predecessor counts this many levels more in the ambition component (capped at the scale's top).
    /// </summary>
    [Range(0.0, 3.0)]
    public double GrownReformCredit { get; set; } = 1.0;

    /// <summary>Share of IRM-assessed open contracting commitments at Substantial or Complete from which a member is (a), below which (b).</summary>
    [Range(0.01, 1.0)]
    public double ReadyImplementedShare { get; set; } = 0.5;

    /// <summary>A publication whose data ends (<c>date_to</c>, else <c>last_retrieved</c>) longer ago than this is stale.</summary>
    [Range(1, 3650)]
    public int PublicationStaleAfterDays { get; set; } = 180;

    /// <summary>
    /// Days after a plan arrives during which its lack of confirmed open contracting commitments is pending rather than a
    /// <c>plan-without-open-contracting</c> dip: tags are confirmed by liaisons after the import. 0 alerts at once.
    /// </summary>
    [Range(0, 365)]
    public int NewPlanGraceDays { get; set; } = 30;

    /// <summary>How often every member is reassessed, so what changes with the calendar alone (a publication going stale, a new plan's grace period ending) is seen without waiting for an event.</summary>
    public TimeSpan FreshnessCheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Weights of the score's components; a component without data is left out and the others re-weighted.</summary>
    public EngagementWeights Weights { get; set; } = new();

    /// <summary>The OCP Data Registry import.</summary>
    public OcdsOptions Ocds { get; set; } = new();
}

/// <summary>Weights of the score's components (relative; they need not sum to 1).</summary>
internal sealed class EngagementWeights
{
    [Range(0.0, 100.0)] public double Implementation { get; set; } = 0.35;
    [Range(0.0, 100.0)] public double Ambition { get; set; } = 0.15;
    [Range(0.0, 100.0)] public double Results { get; set; } = 0.15;
    [Range(0.0, 100.0)] public double CurrentPlan { get; set; } = 0.10;
    [Range(0.0, 100.0)] public double Publication { get; set; } = 0.15;
    [Range(0.0, 100.0)] public double Mandate { get; set; } = 0.10;
}

/// <summary>Settings under <c>Engagement:Ocds</c>.</summary>
internal sealed class OcdsOptions
{
    /// <summary>The largest registry file accepted, uploaded (default 16 MB).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Extra registry country names (or aliases) → member code, on top of the maintained table shipped with the service.</summary>
    public Dictionary<string, string> CountryAliases { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registry's publications.json, pulled every <see cref="PullInterval"/> (http or https only); none means uploads only.</summary>
    public Uri? SourceUrl { get; set; }

    /// <summary>How often to pull <see cref="SourceUrl"/>; at least five minutes.</summary>
    public TimeSpan? PullInterval { get; set; }

    /// <summary>How long one pull may take.</summary>
    public TimeSpan PullTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the scheduler looks whether a pull is due.</summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class EngagementOptionsValidator : IValidateOptions<EngagementOptions>
{
    public ValidateOptionsResult Validate(string? name, EngagementOptions options)
    {
        var failures = new List<string>();
        if (options.OpenContractingTags.Count == 0 || options.OpenContractingTags.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Setting 'Engagement:OpenContractingTags' must list at least one tag id, none empty.");
        }

        if (options.OpenContractingTags.Intersect(options.AdjacentTags, StringComparer.Ordinal).Any())
        {
            failures.Add("Settings 'Engagement:OpenContractingTags' and 'Engagement:AdjacentTags' must not share a tag.");
        }

        var w = options.Weights;
        if (w.Implementation + w.Ambition + w.Results + w.CurrentPlan + w.Publication + w.Mandate <= 0)
        {
            failures.Add("Settings 'Engagement:Weights:*' must not all be zero.");
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        Validator.TryValidateObject(w, new ValidationContext(w), results, validateAllProperties: true);
        Validator.TryValidateObject(options.Ocds, new ValidationContext(options.Ocds), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => $"Setting 'Engagement': {r.ErrorMessage}"));

        var ocds = options.Ocds;
        if (ocds.SourceUrl is not null && !BoundedDownload.IsHttp(ocds.SourceUrl))
        {
            failures.Add("Setting 'Engagement:Ocds:SourceUrl' must be an absolute http or https URL.");
        }

        if (ocds.PullInterval is { } interval && (ocds.SourceUrl is null || interval < TimeSpan.FromMinutes(5)))
        {
            failures.Add("Setting 'Engagement:Ocds:PullInterval' must be at least 00:05:00, with 'Engagement:Ocds:SourceUrl' set.");
        }

        if (ocds.PullTimeout < TimeSpan.FromSeconds(1) || ocds.PullTimeout > TimeSpan.FromHours(1))
        {
            failures.Add("Setting 'Engagement:Ocds:PullTimeout' must be between 00:00:01 and 01:00:00.");
        }

        if (options.FreshnessCheckInterval < TimeSpan.FromMinutes(1) || options.FreshnessCheckInterval > TimeSpan.FromDays(7))
        {
            failures.Add("Setting 'Engagement:FreshnessCheckInterval' must be between 00:01:00 and 7.00:00:00.");
        }

        if (ocds.SchedulerTick < TimeSpan.FromMilliseconds(10) || ocds.SchedulerTick > TimeSpan.FromHours(1))
        {
            failures.Add("Setting 'Engagement:Ocds:SchedulerTick' must be between 00:00:00.010 and 01:00:00.");
        }

        foreach (var (country, code) in options.Ocds.CountryAliases)
        {
            if (!MemberCodes.IsValid(code))
            {
                failures.Add($"Setting 'Engagement:Ocds:CountryAliases:{country}' must be a member code (3 or 4 letters), not '{code}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
