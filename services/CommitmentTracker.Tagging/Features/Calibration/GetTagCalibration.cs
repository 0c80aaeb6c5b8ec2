using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging.Features.Calibration;

/// <summary>
/// <c>GET /api/tag-calibration</c>: the calibration table as it stands now: for each tag and kind of evidence (and each
/// rule liaisons decided on), the labelled examples, the liaisons' decisions and the confidence a new suggestion gets.
/// </summary>
internal static class GetTagCalibration
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tag-calibration", HandleAsync)
            .WithName(nameof(GetTagCalibration))
            .WithSummary("The calibration: how often liaisons accept each kind of suggestion")
            .WithDescription("Any authenticated caller. A cell's confidence is shown for a suggestion whose evidence is the cell's strongest rule (or OGP's flag) alone; queued says whether it reaches the review queue (Tagging:QueueThreshold).");

    internal static async Task<Ok<TagCalibrationResponse>> HandleAsync(TaggingDb db, IOptions<TaggingOptions> options, CancellationToken cancellationToken)
    {
        var table = await CalibrationCache.ReadAsync(db, cancellationToken);
        var rules = await db.SuggestionRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
        var mappings = await db.PolicyAreas.AsNoTracking().ToListAsync(cancellationToken);
        var settings = options.Value;

        double Estimate(string tag, string kind, string? rule)
        {
            if (rule is not null)
            {
                return rules.FirstOrDefault(r => r.Id == rule)?.Confidence ?? mappings.FirstOrDefault(m => SuggestionEngine.FlagRule(m.TagId) == rule)?.Confidence ?? 0.5;
            }

            var flag = mappings.FirstOrDefault(m => m.TagId == tag)?.Confidence;
            var text = rules.Where(r => r.TagId == tag && r.Kind == RuleKind.Phrase).Select(r => (double?)r.Confidence).Max();
            return kind is EvidenceKinds.Flag or EvidenceKinds.FlagContradicted or EvidenceKinds.FlagAndText ? flag ?? 0.5 : text ?? 0.5;
        }

        var cells = table.Cells().Select(c =>
        {
            var confidence = c.Rule is null ? table.CellConfidence(c.Tag, c.Kind, Estimate(c.Tag, c.Kind, null)) : table.Rate(c.Tag, c.Kind, c.Rule, Estimate(c.Tag, c.Kind, c.Rule)).Confidence;
            return new TagCalibrationCell(c.Tag, c.Kind, c.Rule, c.LabelledAccepted, c.LabelledRejected, c.Accepted, c.Rejected, confidence, confidence >= settings.QueueThreshold);
        }).ToList();
        return TypedResults.Ok(new TagCalibrationResponse(settings.MinimumConfidence, settings.QueueThreshold, cells));
    }
}
