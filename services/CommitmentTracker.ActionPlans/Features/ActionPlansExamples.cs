using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.ActionPlans.Features;

/// <summary>Example bodies for the OpenAPI document: real OGP ids (Bulgaria's second plan, its e-procurement commitment).</summary>
internal static class ActionPlansExamples
{
    private static readonly DateTimeOffset Imported = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid ImportId = Guid.Parse("0193a6f2-7c1e-7b42-9d3a-5e8f1c2b4a60");

    public static void Add(OpenApiExamples examples)
    {
        var plan = new ActionPlanResponse("AP_BGR02", "BGR", "Bulgaria", 2, 2014, 2016, Imported, 2);
        var member = new MemberResponse("BGR", "Bulgaria", 4, "Europe and North America", "National");
        var summary = new CommitmentSummaryResponse(
            "BG0039", "AP_BGR02", "BGR", "Bulgaria", "Introducing e-Procurement", "e-Procurement", "Public Procurement Agency", "substantial",
            ["Open Contracting", "Public Procurement", "E-Government"], false, 2, Imported);
        var changed = new FieldChange("IRM End of Term Completion", "Limited", "Substantial");
        var import = new ImportResponse
        {
            Id = ImportId,
            Source = "commitments.csv",
            Format = "csv",
            Layout = "ogp-sheet",
            Status = "succeeded",
            RequestedBy = "bootstrap-admin",
            CreatedAt = Imported,
            StartedAt = Imported.AddSeconds(1),
            CompletedAt = Imported.AddSeconds(14),
            FileBytes = 48_213_504,
            Counts = new ImportCounts(5_912, 12, 3, 5_894, 1, 0, 2, 1),
            ActionPlanIds = ["AP_BGR02", "AP_GBR05"],
            ErrorCount = 2,
            Errors = [new ImportRowErrorResponse(418, "Action Plan ID", "", "Action Plan ID is required.")],
            RowsTotal = 5_912,
            DryRunId = Guid.Parse("0193a6f1-2d0b-7c5e-8f14-3b6a9e7d1c02"),
        };

        examples
            .Add(new RegisterActionPlanRequest { ActionPlanId = "AP_BGR02", MemberCode = "BGR", MemberName = "Bulgaria", Number = 2, SubmissionYear = 2014, EndYear = 2016 })
            .Add(plan)
            .Add(Page(plan))
            .Add(member)
            .Add(Page(member))
            .Add(summary)
            .Add(Page(summary))
            .Add(new CommitmentResponse
            {
                Id = "BG0039",
                OgpId = 2907,
                ActionPlanId = "AP_BGR02",
                MemberCode = "BGR",
                MemberName = "Bulgaria",
                Region = "Europe and North America",
                CommitmentNumber = "12",
                Theme = "Public Procurement",
                Title = "Introducing e-Procurement",
                ShortTitle = "e-Procurement",
                FullText = "Centralised e-procurement platform with open data on every stage of public contracts.",
                LeadInstitution = "Public Procurement Agency",
                StartDate = new SheetDate("1/3/2015", new DateOnly(2015, 3, 1), "day"),
                EndDate = new SheetDate("31/12/2016", new DateOnly(2016, 12, 31), "day"),
                PolicyAreas = ["Open Contracting", "Public Procurement", "E-Government"],
                OgpValues = new Dictionary<string, SheetValue> { ["Access to Information"] = new("1", "value") },
                Irm = [new IrmAssessmentResponse("IRM End of Term Completion", new SheetValue("Substantial", "value"), "_IRM End of Term Completion", new SheetValue("3", "value"))],
                CarriedForward = new SheetValue("NA", "NA"),
                Url = "https://www.opengovpartnership.org/members/bulgaria/commitments/BG0039/",
                Version = 2,
                FirstSeenAt = Imported.AddDays(-30),
                UpdatedAt = Imported,
                LastImportId = ImportId,
            })
            .Add(Page(new CommitmentVersionResponse(2, "changed", ImportId, Imported, [changed])))
            .Add(new StartSourceImportRequest { Source = "ogp-commitments" })
            .Add(import)
            .Add(Page(import))
            .Add(Page(new ImportRowErrorResponse(418, "Action Plan ID", "", "Action Plan ID is required.")))
            .Add(Page(new ImportChangeResponse("changed", "BG0039", "AP_BGR02", [changed])))
            .Add<IReadOnlyList<ImportSourceResponse>>(
                [new ImportSourceResponse("ogp-commitments", "https://www.opengovpartnership.org/commitments.csv", TimeSpan.FromHours(24), Imported, "imported", Imported.AddHours(24), ImportId)]);
        AddThreads(examples);
    }

    /// <summary>Scotland's real pair: SCO0006 (2018) continues SCO0001 (2017), suggested by an import, confirmed by an OCP liaison.</summary>
    private static void AddThreads(OpenApiExamples examples)
    {
        var linkId = Guid.Parse("0193a6f2-7c1e-7b42-9d3a-5e8f1c2b4a61");
        var link = new CommitmentLinkResponse(
            linkId, "GBSC", "SCO0006", "AP_GBSC02", "Financial and performance transparency", "SCO0001", "AP_GBSC01", "Financial transparency",
            LinkStatus.Linked, LinkOrigin.Similarity, 0.638, false, "ocp-liaison", "OCP", "Same devolved-finance reform.", Imported.AddDays(2), Imported, 2)
        {
            History =
            [
                new CommitmentLinkAuditResponse("suggested", "import", null, null, Imported),
                new CommitmentLinkAuditResponse("confirmed", "ocp-liaison", "OCP", "Same devolved-finance reform.", Imported.AddDays(2)),
            ],
        };
        ThreadCommitmentResponse Step(string id, string plan, int number, int year, int end, string title, string completion, ThreadLinkResponse? previous) => new(
            id, plan, number, year, end, title, completion.ToLowerInvariant(),
            new Dictionary<string, SheetValue> { ["Completion (End Of Term)"] = new(completion, "value"), ["Potential for Results"] = new("ND", "ND") },
            false, false, previous);
        examples
            .Add(new CommitmentThreadResponse("SCO0006", "GBSC",
                [
                    Step("SCO0001", "AP_GBSC01", 1, 2017, 2017, "Financial transparency", "Substantial", null),
                    Step("SCO0006", "AP_GBSC02", 2, 2018, 2020, "Financial and performance transparency", "Complete",
                        new ThreadLinkResponse(linkId, LinkStatus.Linked, LinkOrigin.Similarity, 0.638, "ocp-liaison", "OCP", Imported.AddDays(2))),
                ],
                []))
            .Add(link)
            .Add(Page(link))
            .Add(new CreateCommitmentLinkRequest("SCO0006", "SCO0001", "Same devolved-finance reform."))
            .Add(new ConfirmCommitmentLinkRequest("Same devolved-finance reform."))
            .Add(new RejectCommitmentLinkRequest("Different reforms: budget data, then performance data."));
    }

    private static PagedResponse<T> Page<T>(T item) => new([item], 1, 50, 1);
}
