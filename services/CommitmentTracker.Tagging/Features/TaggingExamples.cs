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
            SuggestionId, "BG0039", "BGR", "Introducing e-procurement", "open-contracting", 0.9, "proposed",
            [new TagEvidence("flag-open-contracting", "policyAreas", "Open Contracting"), new TagEvidence("en-open-contracting", "fullText", "publication of contracts")],
            ["OCP"], Suggested, null, 2);
        var commitmentTag = new CommitmentTagResponse("open-contracting", "Open contracting", "confirmed", ["OCP", "OGP"], false, Decided.AddDays(-1), Decided, 3);
        var rule = new TagRuleResponse("en-open-contracting", "open-contracting", "phrase", "en", ["open contracting", "contract transparency", "publication of contracts", "contract repositor*"], 0.8, true, 2);

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
            .Add(new CommitmentTagsResponse("BG0039", "BGR", "Introducing e-procurement", false, [commitmentTag], [suggestion with { Tag = "e-procurement", Status = "pending", Evidence = [new TagEvidence("e-procurement", "title", "e-procurement")], ApprovedBy = [], Confidence = 0.75, Version = 1 }]))
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
            .Add<List<TagRuleResponse>>([rule, new TagRuleResponse("flag-open-contracting", "open-contracting", "flag", null, ["Open Contracting"], 0.9, true, 1)])
            .Add(new TagRuleRequest("en-open-contracting", "open-contracting", "phrase", "en", ["open contracting", "contract transparency", "publication of contracts", "contract repositor*"], 0.8, true))
            .Add(rule);
    }

    private static PagedResponse<T> Page<T>(T item) => new([item], 1, 50, 1);
}
