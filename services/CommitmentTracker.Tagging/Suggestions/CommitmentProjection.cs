using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>A commitment as an event describes it.</summary>
internal sealed record CommitmentFacts(string Id, string ActionPlanId, string MemberCode, CommitmentText Text);

/// <summary>
/// What is stored and what is queued: a suggestion below <see cref="MinimumConfidence"/> is not stored; one below
/// <see cref="QueueThreshold"/> is stored as <see cref="SuggestionStatus.Held"/> (no <c>TagSuggested</c>); the rest are pending.
/// </summary>
internal sealed record SuggestionThresholds(double MinimumConfidence, double QueueThreshold)
{
    public static SuggestionThresholds From(TaggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MinimumConfidence, options.QueueThreshold);
    }

    public string StatusFor(double confidence) => confidence >= QueueThreshold ? SuggestionStatus.Pending : SuggestionStatus.Held;
}

/// <summary>What a recomputation changed.</summary>
internal sealed class RecomputeCounts
{
    public int Added { get; private set; }
    public int Updated { get; private set; }
    public int Superseded { get; private set; }

    public void CountAdded() => Added++;

    public void CountUpdated() => Updated++;

    public void CountSuperseded() => Superseded++;
}

/// <summary>
/// Keeps Tagging's copy of the commitments and their suggestions. On a new commitment, or one whose text or flags
/// changed, the rules run: open suggestions are recomputed (new ones added, vanished ones superseded) and tags
/// confirmed on the old text are flagged "text changed since confirmation". An admin's recomputation
/// (<see cref="RecomputeAsync"/>) runs them again on an unchanged text and changes only what came out differently,
/// never a suggestion a liaison decided on. Changes only the context; the caller saves.
/// </summary>
internal sealed class CommitmentProjection(SuggestionEngineCache engines, CalibrationCache calibrations, TimeProvider time, SuggestionThresholds thresholds)
{
    public Task ApplyAsync(TaggingDb db, CommitmentFacts facts, CancellationToken cancellationToken) =>
        ApplyAsync(db, facts, ct => ReadRulesAsync(db, ct), cancellationToken);

    /// <summary>
    /// Applies one event's facts. <paramref name="rules"/> gives the rule state when the text changed (a batch reads it
    /// once). Several events of one batch may concern the same commitment: what an earlier one added, unsaved, counts.
    /// <paramref name="unknown"/>: ids a batch has looked up in one query and not found (the rest it loaded, so the
    /// lookup here finds them tracked); an id is taken out of it when its commitment is added.
    /// </summary>
    public async Task ApplyAsync(
        TaggingDb db, CommitmentFacts facts, Func<CancellationToken, Task<RuleState>> rules, CancellationToken cancellationToken, ISet<string>? unknown = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        var now = time.GetUtcNow();
        var hash = facts.Text.Hash();
        var commitment = unknown?.Remove(facts.Id) == true ? null : await db.Commitments.FindAsync([facts.Id], cancellationToken);
        var isNew = commitment is null;
        if (commitment is null)
        {
            commitment = new TrackedCommitment { Id = facts.Id, ActionPlanId = facts.ActionPlanId, MemberCode = facts.MemberCode, Title = facts.Text.Title, TextHash = hash };
            db.Commitments.Add(commitment);
        }

        var textChanged = isNew || commitment.TextHash != hash;
        commitment.ActionPlanId = facts.ActionPlanId;
        commitment.MemberCode = facts.MemberCode;
        commitment.Title = facts.Text.Title;
        commitment.FullText = facts.Text.FullText;
        commitment.PolicyAreas = StoredLines.Join(facts.Text.PolicyAreas);
        commitment.LeadInstitution = facts.Text.LeadInstitution.Clip(TrackedCommitment.MaxInstitutionLength);
        commitment.SupportingInstitutions = facts.Text.SupportingInstitutions.Clip(TrackedCommitment.MaxInstitutionLength);
        commitment.Theme = facts.Text.Theme.Clip(TrackedCommitment.MaxThemeLength);
        commitment.TextHash = hash;
        commitment.Removed = false;
        commitment.UpdatedAt = now.UtcDateTime;
        if (!textChanged)
        {
            return;
        }

        var tags = isNew ? [] : await db.CommitmentTags.Where(t => t.CommitmentId == facts.Id).ToListAsync(cancellationToken);
        foreach (var tagged in tags.Where(t => t.Status == TagStatus.Confirmed && !t.TextChangedSinceConfirmation))
        {
            tagged.TextChangedSinceConfirmation = true;
            tagged.Version++;
            Audit(db, facts.Id, tagged.TagId, AuditAction.TextChanged, now, null, "the commitment's text changed since the tag was confirmed");
        }

        await ReconcileAsync(db, commitment, facts.Text, tags, isNew, recompute: false, await rules(cancellationToken), now, counts: null, cancellationToken);
    }

    /// <summary>
    /// Runs the rules again over a stored commitment whose text did not change (rules, mappings, calibration or
    /// thresholds did): pending and held suggestions take their new confidence and status, new tags are suggested and
    /// unsupported ones superseded. A suggestion one organisation accepted, or any decided one, stays as it is; a
    /// suggestion that comes out the same is not touched.
    /// </summary>
    public async Task RecomputeAsync(TaggingDb db, TrackedCommitment commitment, RuleState rules, RecomputeCounts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentNullException.ThrowIfNull(rules);
        if (commitment.Removed)
        {
            return;
        }

        var text = new CommitmentText(commitment.Title, commitment.FullText, commitment.PolicyAreaList, commitment.LeadInstitution, commitment.SupportingInstitutions, commitment.Theme);
        var tags = await db.CommitmentTags.Where(t => t.CommitmentId == commitment.Id).ToListAsync(cancellationToken);
        await ReconcileAsync(db, commitment, text, tags, isNew: false, recompute: true, rules, time.GetUtcNow(), counts, cancellationToken);
    }

    /// <summary>The rules, calibration and retired tags one batch of work reads once.</summary>
    public async Task<RuleState> ReadRulesAsync(TaggingDb db, CancellationToken cancellationToken) => new(
        await engines.GetAsync(db, cancellationToken), await calibrations.GetAsync(db, cancellationToken),
        await db.Tags.Where(t => t.Retired).Select(t => t.Id).ToListAsync(cancellationToken));

    public async Task RemoveAsync(TaggingDb db, string commitmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Id == commitmentId, cancellationToken);
        if (commitment is null || commitment.Removed)
        {
            return;
        }

        var now = time.GetUtcNow();
        commitment.Removed = true;
        commitment.UpdatedAt = now.UtcDateTime;
        var undecided = await db.Suggestions
            .Where(s => s.CommitmentId == commitmentId && (s.Status == SuggestionStatus.Pending || s.Status == SuggestionStatus.Held))
            .ToListAsync(cancellationToken);
        foreach (var suggestion in undecided)
        {
            Supersede(db, suggestion, now, "the commitment was removed from its action plan");
        }
    }

    private async Task ReconcileAsync(
        TaggingDb db, TrackedCommitment commitment, CommitmentText text, List<CommitmentTag> tags, bool isNew, bool recompute, RuleState rules,
        DateTimeOffset now, RecomputeCounts? counts, CancellationToken cancellationToken)
    {
        var hash = commitment.TextHash;
        // Stored open suggestions, and those an earlier event of this unit of work added (unsaved, so no query sees them);
        // one an earlier event closed is still stored as open, hence the second look at IsOpen.
        var open = isNew ? [] : (await db.Suggestions.Where(s => s.CommitmentId == commitment.Id && s.IsOpen).ToListAsync(cancellationToken))
            .Concat(AddedSuggestions(db, commitment.Id)).Where(s => s.IsOpen).Distinct().ToList();
        var rejectedForThisText = isNew ? [] : await db.Suggestions
            .Where(s => s.CommitmentId == commitment.Id && s.Status == SuggestionStatus.Rejected && s.TextHash == hash)
            .Select(s => s.TagId).ToListAsync(cancellationToken);
        var computed = rules.FindingsFor(text).Select(rules.Calibration.Rate)
            .Where(s => s.Confidence >= thresholds.MinimumConfidence && !rules.Retired.Contains(s.Tag))
            .OrderByDescending(s => s.Confidence).ThenBy(s => s.Tag, StringComparer.Ordinal)
            .ToList();

        foreach (var suggestion in computed)
        {
            var status = thresholds.StatusFor(suggestion.Confidence);
            var evidence = TagReview.Evidence(suggestion.Evidence);
            var calibration = TagReview.Calibration(suggestion.Calibration);
            var existing = open.FirstOrDefault(s => s.TagId == suggestion.Tag);
            if (existing is not null)
            {
                if (recompute && (existing.Status == SuggestionStatus.Proposed
                    || (existing.Status == status && existing.Confidence.Equals(suggestion.Confidence) && existing.Evidence == evidence
                        && existing.EvidenceKind == suggestion.EvidenceKind && existing.PrimaryRule == suggestion.PrimaryRule && existing.Calibration == calibration)))
                {
                    continue;
                }

                var was = existing.Status;
                existing.Confidence = suggestion.Confidence;
                existing.Evidence = evidence;
                existing.EvidenceKind = suggestion.EvidenceKind;
                existing.PrimaryRule = suggestion.PrimaryRule;
                existing.Calibration = calibration;
                existing.TextHash = hash;
                if (existing.Status != SuggestionStatus.Proposed)
                {
                    existing.Status = status;
                }

                existing.Version++;
                Audit(db, commitment.Id, suggestion.Tag, AuditAction.Resuggested, now, existing.Id, $"recomputed: confidence {PhraseSet.Describe(suggestion.Confidence)}{Movement(was, existing.Status)}");
                if (existing.Status != SuggestionStatus.Held)
                {
                    Publish(db, existing, commitment, suggestion, now, recomputed: true);
                }

                counts?.CountUpdated();
                continue;
            }

            if (tags.Any(t => t.TagId == suggestion.Tag) || rejectedForThisText.Contains(suggestion.Tag))
            {
                continue;
            }

            var added = new TagSuggestion
            {
                Id = Guid.NewGuid(), CommitmentId = commitment.Id, MemberCode = commitment.MemberCode, TagId = suggestion.Tag, Confidence = suggestion.Confidence,
                Evidence = evidence, EvidenceKind = suggestion.EvidenceKind, PrimaryRule = suggestion.PrimaryRule, Calibration = calibration,
                Status = status, TextHash = hash, SuggestedAt = now.UtcDateTime,
            };
            db.Suggestions.Add(added);
            if (status == SuggestionStatus.Held)
            {
                Audit(db, commitment.Id, suggestion.Tag, AuditAction.Held, now, added.Id,
                    $"confidence {PhraseSet.Describe(suggestion.Confidence)} ({suggestion.EvidenceKind}) is below the queue threshold {PhraseSet.Describe(thresholds.QueueThreshold)}");
            }
            else
            {
                Audit(db, commitment.Id, suggestion.Tag, AuditAction.Suggested, now, added.Id, $"confidence {PhraseSet.Describe(suggestion.Confidence)}");
                Publish(db, added, commitment, suggestion, now, recomputed: !isNew);
            }

            counts?.CountAdded();
        }

        // Undecided suggestions no rule supports any more go; a proposed one (one organisation accepted) stays for review.
        foreach (var stale in open.Where(s => s.Status is SuggestionStatus.Pending or SuggestionStatus.Held && computed.All(c => c.Tag != s.TagId)))
        {
            Supersede(db, stale, now, recompute ? "no rule supports it any more" : "no rule matches the new text");
            counts?.CountSuperseded();
        }
    }

    /// <summary>Suggestions added in this unit of work and not saved yet (read without change detection, which would scan every tracked row).</summary>
    private static List<TagSuggestion> AddedSuggestions(TaggingDb db, string commitmentId)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. db.Suggestions.Local.Where(s => s.CommitmentId == commitmentId && db.Entry(s).State == EntityState.Added)];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static string Movement(string was, string now) => (was, now) switch
    {
        (SuggestionStatus.Held, SuggestionStatus.Pending) => " (queued: above the queue threshold now)",
        (SuggestionStatus.Pending, SuggestionStatus.Held) => " (held: below the queue threshold now)",
        _ => string.Empty,
    };

    private static void Supersede(TaggingDb db, TagSuggestion suggestion, DateTimeOffset now, string why)
    {
        suggestion.Status = SuggestionStatus.Superseded;
        suggestion.IsOpen = false;
        suggestion.DecidedAt = now.UtcDateTime;
        suggestion.Version++;
        Audit(db, suggestion.CommitmentId, suggestion.TagId, AuditAction.Superseded, now, suggestion.Id, why);
    }

    private static void Publish(TaggingDb db, TagSuggestion suggestion, TrackedCommitment commitment, ComputedSuggestion computed, DateTimeOffset now, bool recomputed) =>
        db.PublishOnCommit(new TagSuggested
        {
            SuggestionId = suggestion.Id, CommitmentId = commitment.Id, MemberCode = commitment.MemberCode, Tag = computed.Tag,
            Confidence = computed.Confidence, Evidence = computed.Evidence, OccurredAt = now, Recomputed = recomputed, EvidenceKind = computed.EvidenceKind,
        });

    private static void Audit(TaggingDb db, string commitmentId, string tagId, string action, DateTimeOffset at, Guid? suggestionId, string detail) =>
        db.Audit.Add(new TagAuditEntry { CommitmentId = commitmentId, TagId = tagId, Action = action, Actor = "rules", At = at.UtcDateTime, SuggestionId = suggestionId, Detail = detail });
}

/// <summary>The compiled rules, the calibration and the retired tags, as one piece of work reads them.</summary>
internal sealed record RuleState(SuggestionEngine Engine, CalibrationTable Calibration, IReadOnlyCollection<string> Retired)
{
    /// <summary>Findings a batch worked out ahead, in parallel (<see cref="SuggestionEngine.FindAll"/>), by text instance.</summary>
    public IReadOnlyDictionary<CommitmentText, IReadOnlyList<TagFinding>>? Prepared { get; init; }

    public IReadOnlyList<TagFinding> FindingsFor(CommitmentText text) =>
        Prepared is not null && Prepared.TryGetValue(text, out var found) ? found : Engine.Find(text);
}
