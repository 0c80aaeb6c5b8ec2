using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Tagging.Features;

/// <summary>
/// Example bodies for the OpenAPI document: real OGP ids (Bulgaria's e-procurement commitment, the United Kingdom's
/// open contracting commitment, Malawi's open contracting and beneficial ownership one), the <c>open-contracting</c> vocabulary and an OCP
/// liaison reviewing.
/// </summary>
internal static class TaggingExamples
{
    private static readonly DateTimeOffset Suggested = new(2026, 11, 2, 9, 30, 14, TimeSpan.Zero);
    private static readonly DateTimeOffset Decided = new(2026, 11, 4, 15, 12, 0, TimeSpan.Zero);
    private static readonly Guid SuggestionId = Guid.Parse("0193a6f3-1d40-7c8e-a2b5-6f0e9d3c7b11");
    private static readonly Guid OtherSuggestionId = Guid.Parse("0193a6f3-1d40-7c8e-a2b5-6f0e9d3c7b12");
    private static readonly Guid UnknownSuggestionId = Guid.Parse("0193a6f3-1d40-7c8e-a2b5-6f0e9d3c7b13");

    public static void Add(OpenApiExamples examples)
    {
        var openContracting = new TagResponse("open-contracting", "Open contracting", "Publishing and using data and documents across the contracting process.", null, false);
        var eProcurement = new TagResponse("e-procurement", "E-procurement", "Electronic procurement systems and their data.", "open-contracting", false);
        var suggestion = new TagSuggestionResponse(
            SuggestionId, "BG0039", "BGR", "Introducing e-procurement", "open-contracting", 0.97, "proposed",
            [new TagEvidence("flag-open-contracting", "policyAreas", "Open Contracting"), new TagEvidence("en-open-contracting", "fullText", "publication of contracts") { Part = "objective" }],
            ["OCP"], Suggested, null, 2)
        {
            Calibration = new SuggestionCalibration("flag+text", "en-open-contracting", 31, 0, 12, 1, 4, 0),
        };
        var commitmentTag = new CommitmentTagResponse("open-contracting", "Open contracting", "confirmed", ["OCP", "OGP"], false, Decided.AddDays(-1), Decided, 3);
        var rule = new TagRuleResponse("en-open-contracting", "open-contracting", "phrase", "en", ["open contracting", "contract transparency", "publication of contracts", "contract repositor*"], 0.8, true, 2);
        var procurementRule = new TagRuleResponse("en-procurement", "public-procurement", "phrase", "en", ["procurement", "public tender*", "tendering"], 0.7, true, 3)
        {
            Requires = ["law*", "reform*", "transparen*", "data", "contract register*", "disclos*"], Excludes = ["procurement notice*", "cameras", "software", "procurement agency"], Window = 6,
        };
        var infrastructure = new TagPolicyAreasResponse("sector-infrastructure", ["Infrastructure & Transport", "Water & Sanitation"], 0.7, 2);
        var recompute = new TagRecomputeResponse(7, "running", 558, 300, 12, 41, 19, "key_3f9a1c7e5b2d8046", Decided, Decided.AddSeconds(2), null, null);

        examples
            .Add<List<TagResponse>>([openContracting, eProcurement])
            .Add(eProcurement with { Confirmation = "both-organisations" })
            .Add(new CreateTagRequest("e-procurement", "E-procurement", "Electronic procurement systems and their data.", "open-contracting", "both-organisations"))
            .Add(new UpdateTagRequest("E-procurement systems", null, null, null, false))
            .Add(new PagedResponse<TaggedCommitmentResponse>(
            [
                new TaggedCommitmentResponse("UK0098", "GBR", "Open contracting", "confirmed", ["OCP", "OGP"], false),
                new TaggedCommitmentResponse("MW0006", "MWI", "Open Contracting and Beneficial Ownership transparency", "proposed", ["OCP"], false),
            ], 1, 50, 2))
            .Add(new CommitmentTagsResponse("BG0039", "BGR", "Introducing e-procurement", false, [commitmentTag], [suggestion with
            {
                Tag = "e-procurement", Status = "pending", Evidence = [new TagEvidence("e-procurement", "title", "e-procurement") { Part = "title" }], ApprovedBy = [], Confidence = 0.96, Version = 1,
                Calibration = new SuggestionCalibration("text", "e-procurement", 15, 0, 3, 0, 3, 0),
            }]))
            .Add(new TagCommitmentRequest("open-contracting", "Commits to publishing contracting data in OCDS."))
            .Add(commitmentTag)
            .Add(Page(new TagAuditResponse(412, "open-contracting", "accepted", "key_3f9a1c7e5b2d8046", "OCP", Decided, "Publishes procurement data in OCDS.", SuggestionId, null)))
            .Add(Page(suggestion))
            .Add(new ReviewSuggestionRequest("Publishes procurement data in OCDS."))
            .Add(suggestion)
            .Add(new BulkReviewRequest([SuggestionId, OtherSuggestionId, UnknownSuggestionId], "Procurement commitments of the Europe desk, reviewed by the OCP liaison."))
            .Add(new BulkReviewResponse(2, 1,
            [
                new BulkReviewItem(SuggestionId, 200, "proposed", null),
                new BulkReviewItem(OtherSuggestionId, 200, "accepted", null),
                new BulkReviewItem(UnknownSuggestionId, 404, null, $"There is no suggestion {UnknownSuggestionId}."),
            ]))
            .Add<List<TagRuleResponse>>([rule, procurementRule, new TagRuleResponse("pp-flag-extractives", "public-procurement", "exclude", null, ["mining", "petroleum", "EITI"], 0.5, true, 1)])
            .Add(new TagRuleRequest("en-procurement", "public-procurement", "phrase", "en", ["procurement", "public tender*", "tendering"], 0.7, true)
            {
                Requires = ["law*", "reform*", "transparen*", "data"], Excludes = ["procurement notice*", "cameras"], Window = 6,
            })
            .Add(rule)
            .Add(new TagRulePreviewResponse("en-procurement", "public-procurement", "phrase", 558, 41,
            [
                new TagRulePreviewMatch("BG0039", "BGR", "Introducing e-procurement", 3, [new TagEvidence("en-procurement", "fullText", "public procurement") { Part = "objective" }]),
                new TagRulePreviewMatch("UK0098", "GBR", "Open contracting", 1, [new TagEvidence("en-procurement", "fullText", "procurement") { Part = "body" }]),
            ]))
            .Add<List<TagPolicyAreasResponse>>([new TagPolicyAreasResponse("open-contracting", ["Open Contracting"], 0.9, 1), infrastructure])
            .Add(new SetTagPolicyAreasRequest(["Infrastructure & Transport", "Water & Sanitation"], 0.7))
            .Add(infrastructure)
            .Add(new TagCalibrationResponse(0.02, 0.5,
            [
                new TagCalibrationCell("public-procurement", "flag+text", null, 60, 0, 25, 2, 0.94, true),
                new TagCalibrationCell("public-procurement", "flag-contradicted", null, 0, 14, 0, 3, 0.06, false),
                new TagCalibrationCell("public-procurement", "flag+text", "en-procurement", 0, 0, 18, 1, 0.94, true),
            ]))
            .Add(new RecomputeTagSuggestionsRequest("Water & Sanitation now counts as infrastructure."))
            .Add(recompute);
    }

    private static PagedResponse<T> Page<T>(T item) => new([item], 1, 50, 1);
}
