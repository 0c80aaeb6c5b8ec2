using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Engagement.Features;

/// <summary>
/// Example bodies for the OpenAPI document, from the real sample rows: Latvia's LV0040 (complete, marginal early
/// results) behind a category (a) with a frozen registry publication, and an OCP liaison's mandate assessment.
/// </summary>
internal static class EngagementExamples
{
    private static readonly DateTimeOffset Assessed = new(2026, 11, 2, 9, 30, 14, TimeSpan.Zero);

    public static void Add(OpenApiExamples examples)
    {
        var implementation = new EngagementComponentResponse("implementation", 1, 0.35, "IRM completion of 1 open contracting commitment: LV0040 Complete.");
        var ambition = new EngagementComponentResponse("ambition", 0.6667, 0.15, "Potential impact or potential for results: LV0040 Moderate.");
        var results = new EngagementComponentResponse("results", 0.3333, 0.15, "Did it open government or early results: LV0040 Marginal.");
        var publication = new EngagementComponentResponse("ocds-publication", 0.1563, 0.15, "OCDS publication: 'Procurement monitoring bureau' (frozen, data to 2021-05-31, stages: tender).");
        var explanation = "Category (a), ready to be more ambitious: 1 of 1 IRM-assessed open contracting commitment reached substantial or complete implementation (LV0040). " +
                          "Dip: Every OCDS publication is frozen in the OCP Data Registry: 'Procurement monitoring bureau' (frozen, data to 2021-05-31, stages: tender).";
        var warning = "Every OCDS publication is frozen in the OCP Data Registry: 'Procurement monitoring bureau' (frozen, data to 2021-05-31, stages: tender).";
        var latvia = new OcdsPublicationResponse(5, "Procurement monitoring bureau", "Latvia", "LVA", "EU", "https://example.org/latvia_bureau",
            new DateOnly(2021, 6, 30), new DateOnly(2017, 1, 1), new DateOnly(2021, 5, 31), true, false, ["tender"], Assessed);
        var mandate = new MandateResponse("LVA",
            new MandateComponentResponse(2, "The State Chancellery leads the reform.", new DateOnly(2026, 10, 28)),
            new MandateComponentResponse(3, "Named procurement monitoring officials.", new DateOnly(2026, 10, 28)),
            new MandateComponentResponse(1, "No budget line yet.", new DateOnly(2026, 10, 28)),
            null, "ocp-liaison (OCP)", Assessed);

        examples
            .Add(new PagedResponse<EngagementMemberResponse>(
                [new EngagementMemberResponse("LVA", "Latvia", 4, "AP_LVA04", Assessed) { Region = "Europe", Category = "a", Score = 72.4, Warnings = [warning], AssessedAt = Assessed }], 1, 50, 1))
            .Add(new EngagementResponse("LVA", "Latvia", "Europe", "a", 72.4, [implementation, ambition, results, publication], explanation, [warning],
                [new EngagementCommitmentResponse("LV0040", "AP_LVA04", "Transparency in Public Procurement and Contracts", ["open-contracting"], "Complete", "Moderate", "ND", "Marginal", "ND")],
                [latvia], mandate, 3, Assessed))
            .Add(new PagedResponse<EngagementHistoryEntryResponse>(
                [new EngagementHistoryEntryResponse(3, "a", "a", 72.4, [implementation, ambition, results, publication], explanation, true, [warning], "ocds-import upload", Assessed)], 1, 50, 3))
            .Add(new UpdateMandateRequest(
                new MandateComponentRequest(2, "The State Chancellery leads the reform.", new DateOnly(2026, 10, 28)),
                new MandateComponentRequest(3, "Named procurement monitoring officials.", null),
                new MandateComponentRequest(1, "No budget line yet.", null),
                null))
            .Add(mandate)
            .Add(new List<OcdsRegistryPublication>
            {
                new()
                {
                    Id = 5, Title = "Procurement monitoring bureau", Country = "Latvia", Region = "EU", Language = "Latvian", UpdateFrequency = "MONTHLY",
                    SourceUrl = "https://example.org/latvia_bureau", SourceId = "latvia_bureau", RetrievalFrequency = "MONTHLY", LastRetrieved = "2021-06-30",
                    Frozen = true, DateFrom = "2017-01-01", DateTo = "2021-05-31", Coverage = new Dictionary<string, long> { ["/ocid"] = 12000, ["/tender"] = 9600 },
                },
            })
            .Add(new OcdsImportResponse("upload", Assessed, 7, 6, [new UnmappedCountryResponse("European Union", [7])], ["GBR", "KGZ", "LVA"]))
            .Add(new PagedResponse<OcdsPublicationResponse>([latvia], 1, 50, 1))
            .Add(new List<CountryNameResponse> { new("Kyrgyz Republic", "KGZ", "table"), new("Kyrgyzstan", "KGZ", "table"), new("Kosova", "XKX", "admin") })
            .Add(new SetCountryNameRequest("XKX"))
            .Add(new CountryNameResponse("Kosova", "XKX", "admin") { PublicationsMapped = 1 })
            .Add(new RemovedCountryNameResponse("Kosova", null, null, 1))
            .Add(new OcdsPullStatusResponse(true, "https://data.open-contracting.org/publications.json", TimeSpan.FromHours(24), Assessed, Assessed.AddHours(24),
                "imported", "imported 148 publications, 141 mapped; unmapped: European Union, Kosova"));
    }
}
