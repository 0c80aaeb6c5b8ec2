using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>Imports of OGP's real sample: exact values, re-imports, a modified copy's exact events, history.</summary>
public class ImportSampleTests : IAsyncDisposable
{
    private readonly ServiceFactory<Program> factory;

    public ImportSampleTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected ImportSampleTests(TestDatabase database) => factory = new(database: database);

    [Fact]
    public async Task The_first_import_adds_every_row_plan_and_member_and_stores_their_events()
    {
        var client = factory.CreateAdminClient();

        var job = await ImportClient.ImportAsync(client, SampleSheet.Bytes, "commitments-sample.csv");

        Assert.Equal("succeeded", job.Status);
        Assert.Equal(("csv", "ogp-sheet", "commitments-sample.csv"), (job.Format, job.Layout, job.Source));
        Assert.Equal(new ImportCounts(RowsRead: 20, Added: 20, Changed: 0, Unchanged: 0, Removed: 0, Restored: 0, Rejected: 0, ActionPlansAdded: 18), job.Counts);
        Assert.Empty(job.UnknownColumns);
        Assert.Equal(18, job.ActionPlanIds.Count);
        var events = await ImportClient.OutboxCountsAsync(factory.Services);
        Assert.Equal((18, 20, 1), (events.Count(nameof(ActionPlanImported)), events.Count(nameof(CommitmentAdded)), events.Count(nameof(ImportCompleted))));
        var members = await client.GetAsync("/api/members?pageSize=200", TestContext.Current.CancellationToken).OkAsync<PagedResponse<MemberResponse>>();
        Assert.Equal(17, members.Total);
        Assert.Contains(members.Items, m => m.Code == "GBSC" && m.Name == "Scotland, United Kingdom" && m.ActionPlanCount == 2);
    }

    [Fact]
    public async Task BG0039_is_read_exactly_as_OGP_wrote_it()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);

        var bg = await client.GetAsync("/api/commitments/BG0039", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        var plan = await client.GetAsync("/api/action-plans/AP_BGR02", TestContext.Current.CancellationToken).OkAsync<ActionPlanResponse>();

        Assert.Equal(("AP_BGR02", "BGR", "Bulgaria", 447), (bg.ActionPlanId, bg.MemberCode, bg.MemberName, bg.OgpId));
        Assert.Equal((2014, 2016, 2), (plan.SubmissionYear, plan.EndYear, plan.Number));
        Assert.Equal("Public Procurement Agency", bg.LeadInstitution);
        Assert.Equal("Introducing e-Procurement", bg.ShortTitle);
        var impact = bg.Irm.Single(a => a.Name == "Potential Impact");
        Assert.Equal(new SheetValue("Moderate", "value"), impact.Value);
        Assert.Equal(("_Potential Impact", new SheetValue("2", "value")), (impact.NumericColumn, impact.Numeric));
        var endOfTerm = bg.Irm.Single(a => a.Name == "Completion (End Of Term)");
        Assert.Equal((new SheetValue("Substantial", "value"), new SheetValue("4", "value")), (endOfTerm.Value, endOfTerm.Numeric));
        Assert.Equal(new SheetValue("ND", "ND"), bg.Irm.Single(a => a.Name == "Completion (Progress Report)").Value);
        // 31/12/2016 can only be day-first, so the row's 1/3/2015 is 1 March, not 3 January.
        Assert.Equal(new SheetDate("1/3/2015", new DateOnly(2015, 3, 1), "day"), bg.StartDate);
        Assert.Equal(new SheetDate("31/12/2016", new DateOnly(2016, 12, 31), "day"), bg.EndDate);
        Assert.Contains("Public Procurement", bg.PolicyAreas);
        Assert.DoesNotContain("Open Contracting", bg.PolicyAreas);
        Assert.Equal(new SheetValue("1", "value"), bg.CarriedForward);
        Assert.Equal("https://opengovpartnership.org/members/bulgaria/commitments/bg0039", bg.Url);
        Assert.Equal((1, false), (bg.Version, bg.Removed));
    }

    [Fact]
    public async Task UK0098_keeps_NR_ND_and_NA_as_three_states()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);

        var uk = await client.GetAsync("/api/commitments/uk0098", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();

        Assert.Equal("UK0098", uk.Id);
        Assert.Equal(new SheetValue("NR", "NR"), uk.Irm.Single(a => a.Name == "Completion (End Of Term)").Value);
        Assert.Equal(new SheetValue("NR", "NR"), uk.Irm.Single(a => a.Name == "Completion (End Of Term)").Numeric);
        Assert.Equal(new SheetValue("ND", "ND"), uk.Irm.Single(a => a.Name == "Potential Impact").Value);
        Assert.Equal(new SheetValue("Substantial", "value"), uk.Irm.Single(a => a.Name == "Potential for Results").Value);
        Assert.Equal(new SheetValue("NR", "NR"), uk.Irm.Single(a => a.Name == "Did It Open Government (Overall)").Value);
        Assert.Equal(new SheetValue("NR", "NR"), uk.CarriedForward);
        Assert.Empty(uk.ClusterCommitmentIds);
        Assert.Equal("NA", uk.LeadInstitution);
        Assert.Equal(new SheetDate("4/1/2022", new DateOnly(2022, 4, 1), "day"), uk.StartDate);
        Assert.Equal(new SheetDate("3/31/2024", new DateOnly(2024, 3, 31), "day"), uk.EndDate);
        var list = await client.GetAsync("/api/commitments?member=GBR", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>();
        Assert.Equal("nr", Assert.Single(list.Items).Completion);
    }

    [Fact]
    public async Task Multi_line_text_and_other_dates_survive_exactly()
    {
        var client = factory.CreateAdminClient();
        var sample = await SampleSheet.LoadAsync();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);

        var al = await client.GetAsync("/api/commitments/AL0002", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        var md = await client.GetAsync("/api/commitments/MD0070", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        var ro = await client.GetAsync("/api/commitments/RO0018", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        var gt = await client.GetAsync("/api/commitments/GT0106", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();

        Assert.Equal(sample.Get("AL0002", "Full Text"), al.FullText);
        Assert.StartsWith("e-Acts project aims to support the process of preparation", al.FullText, StringComparison.Ordinal);
        Assert.Equal(new SheetDate("NA", null, null), al.StartDate);
        Assert.Equal(sample.Get("MD0070", "Full Text"), md.FullText);
        Assert.Equal(18, md.FullText!.Count(c => c == '\n'));
        Assert.StartsWith("2. Increase budgetary transparency and of public procurement\nLead implementing\nagency/actor\t", md.FullText, StringComparison.Ordinal);
        Assert.Equal(new SheetDate("April 2012", new DateOnly(2012, 4, 1), "month"), ro.StartDate);
        Assert.Equal(new SheetDate("December 2014", new DateOnly(2014, 12, 1), "month"), ro.EndDate);
        Assert.Equal(new SheetDate("11/1/18", new DateOnly(2018, 11, 1), "day"), gt.StartDate);
        Assert.Equal(new SheetDate("8/30/20", new DateOnly(2020, 8, 30), "day"), gt.EndDate);
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing_and_publishes_no_commitment_event()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var before = await ImportClient.OutboxCountsAsync(factory.Services);

        var again = await ImportClient.ImportAsync(client, SampleSheet.Bytes);

        Assert.Equal(new ImportCounts(20, 0, 0, 20, 0, 0, 0, 0), again.Counts);
        var after = await ImportClient.OutboxCountsAsync(factory.Services);
        Assert.Equal(before.Count(nameof(CommitmentAdded)), after.Count(nameof(CommitmentAdded)));
        Assert.Equal(0, after.Count(nameof(CommitmentChanged)) + after.Count(nameof(CommitmentRemoved)));
        Assert.Equal(before.Count(nameof(ActionPlanImported)), after.Count(nameof(ActionPlanImported)));
        Assert.Equal(2, after.Count(nameof(ImportCompleted)));
        var bg = await client.GetAsync("/api/commitments/BG0039", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        Assert.Equal(1, bg.Version);
    }

    [Fact]
    public async Task A_modified_copy_yields_exactly_the_expected_events()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var sample = await SampleSheet.LoadAsync();
        // A meaningful change (two IRM cells), a housekeeping-only change, a row gone, a new row.
        sample.Set("BG0039", "Completion (End Of Term)", "Complete");
        sample.Set("BG0039", "_CompletionEndTerm", "5");
        sample.Set("AL0003", "CHECKSUM", "42");
        sample.Set("AL0003", "IRM-Based Score", "7");
        sample.Set("AL0003", "Updated? (Website)", "1/1/2026");
        var newRow = (string[])sample.Row("AL0003").Clone();
        newRow[0] = "AL0099";
        newRow[sample.Header.IndexOf("Commitment Title")] = "Open contracting portal";
        sample.Rows.Add(newRow);
        // MW0006 goes; its plan stays in the file through MW0010, so it is in scope and MW0006 is removed.
        sample.Rows.Remove(sample.Row("MW0006"));
        var before = await ImportClient.OutboxCountsAsync(factory.Services);

        var job = await ImportClient.ImportAsync(client, await sample.ToCsvAsync());

        Assert.Equal(new ImportCounts(RowsRead: 20, Added: 1, Changed: 1, Unchanged: 18, Removed: 1, Restored: 0, Rejected: 0, ActionPlansAdded: 0), job.Counts);
        var after = await ImportClient.OutboxCountsAsync(factory.Services);
        Assert.Equal(1, after.Count(nameof(CommitmentAdded)) - before.Count(nameof(CommitmentAdded)));
        Assert.Equal(1, after.Count(nameof(CommitmentChanged)));
        Assert.Equal(1, after.Count(nameof(CommitmentRemoved)));
        Assert.Equal(before.Count(nameof(ActionPlanImported)), after.Count(nameof(ActionPlanImported)));

        var changed = Assert.Single(await ImportClient.EventsAsync<CommitmentChanged>(factory.Services));
        Assert.Equal(("BG0039", "AP_BGR02", "BGR", 2, job.Id), (changed.CommitmentId, changed.ActionPlanId, changed.MemberCode, changed.Version, changed.ImportId));
        Assert.Equal([new FieldChange("Completion (End Of Term)", "Substantial", "Complete"), new FieldChange("_CompletionEndTerm", "4", "5")], changed.Changes);
        Assert.Equal("Complete", changed.Current!.CompletionEndOfTerm);
        var removed = Assert.Single(await ImportClient.EventsAsync<CommitmentRemoved>(factory.Services));
        Assert.Equal(("MW0006", "AP_MWI02"), (removed.CommitmentId, removed.ActionPlanId));
        var added = (await ImportClient.EventsAsync<CommitmentAdded>(factory.Services))[^1];
        Assert.Equal(("AL0099", "Open contracting portal", false), (added.CommitmentId, added.Title, added.Restored));

        // The housekeeping-only change is stored without a version.
        var al = await client.GetAsync("/api/commitments/AL0003", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        Assert.Equal((1, "42", "7"), (al.Version, al.Housekeeping["CHECKSUM"], al.Housekeeping["IRM-Based Score"]));
        // The removed commitment is kept, marked, and left out of lists unless asked for.
        var mw = await client.GetAsync("/api/commitments/MW0006", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        Assert.Equal((true, 2), (mw.Removed, mw.Version));
        Assert.Equal(["MW0010"], (await client.GetAsync("/api/commitments?member=MWI", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>()).Items.Select(c => c.Id));
        Assert.Equal(2, (await client.GetAsync("/api/commitments?member=MWI&includeRemoved=true", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>()).Total);

        var history = await client.GetAsync("/api/commitments/BG0039/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentVersionResponse>>();
        Assert.Equal([2, 1], history.Items.Select(v => v.Version));
        Assert.Equal(["changed", "added"], history.Items.Select(v => v.Kind));
        Assert.Equal(changed.Changes, history.Items[0].Changes);

        var diff = await client.GetAsync($"/api/imports/{job.Id}/changes", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportChangeResponse>>();
        Assert.Equal(["added:AL0099", "changed:BG0039", "removed:MW0006"], diff.Items.Select(c => $"{c.Kind}:{c.CommitmentId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_plan_absent_from_the_file_is_out_of_scope_and_keeps_its_commitments()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var sample = await SampleSheet.LoadAsync();
        sample.Rows.Remove(sample.Row("LV0040"));

        var job = await ImportClient.ImportAsync(client, await sample.ToCsvAsync());

        Assert.Equal((0, 19, 17), (job.Counts.Removed, job.Counts.Unchanged, job.ActionPlanIds.Count));
        Assert.DoesNotContain("AP_LVA04", job.ActionPlanIds);
        Assert.False((await client.GetAsync("/api/commitments/LV0040", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>()).Removed);
    }

    [Fact]
    public async Task A_removed_commitment_that_returns_is_restored_with_a_new_version()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var sample = await SampleSheet.LoadAsync();
        sample.Rows.Remove(sample.Row("MW0010"));
        await ImportClient.ImportAsync(client, await sample.ToCsvAsync());

        var job = await ImportClient.ImportAsync(client, SampleSheet.Bytes);

        Assert.Equal((1, 19, 0, 0), (job.Counts.Restored, job.Counts.Unchanged, job.Counts.Added, job.Counts.Removed));
        var restored = (await ImportClient.EventsAsync<CommitmentAdded>(factory.Services))[^1];
        Assert.Equal(("MW0010", true), (restored.CommitmentId, restored.Restored));
        var history = await client.GetAsync("/api/commitments/MW0010/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentVersionResponse>>();
        Assert.Equal(["restored", "removed", "added"], history.Items.Select(v => v.Kind));
    }

    [Fact]
    public async Task A_dry_run_reports_the_diff_and_writes_nothing()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var sample = await SampleSheet.LoadAsync();
        var originalTitle = sample.Get("UK0098", "Commitment Title");
        sample.Set("UK0098", "Commitment Title", "Centralised open contracting data");
        sample.Rows.Remove(sample.Row("MW0010"));
        var before = await ImportClient.OutboxCountsAsync(factory.Services);

        var job = await ImportClient.ImportAsync(client, await sample.ToCsvAsync(), dryRun: true);

        Assert.True(job.DryRun);
        Assert.Equal(new ImportCounts(19, 0, 1, 18, 1, 0, 0, 0), job.Counts);
        var diff = await client.GetAsync($"/api/imports/{job.Id}/changes", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportChangeResponse>>();
        Assert.Equal(2, diff.Total);
        var change = diff.Items.Single(c => c.Kind == "changed");
        Assert.Equal(("UK0098", "AP_GBR05"), (change.CommitmentId, change.ActionPlanId));
        Assert.Equal(new FieldChange("Commitment Title", originalTitle, "Centralised open contracting data"), Assert.Single(change.Changes));
        Assert.Contains(diff.Items, c => c is { Kind: "removed", CommitmentId: "MW0010" });
        Assert.Equal(before, await ImportClient.OutboxCountsAsync(factory.Services));
        var uk = await client.GetAsync("/api/commitments/UK0098", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        Assert.Equal(1, uk.Version);
        Assert.False((await client.GetAsync("/api/commitments/MW0010", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>()).Removed);
    }

    [Fact]
    public async Task A_dry_run_on_an_empty_database_lists_new_plans_and_commitments()
    {
        var client = factory.CreateAdminClient();

        var job = await ImportClient.ImportAsync(client, SampleSheet.Bytes, dryRun: true);

        Assert.Equal((20, 18), (job.Counts.Added, job.Counts.ActionPlansAdded));
        var diff = await client.GetAsync($"/api/imports/{job.Id}/changes?pageSize=200", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportChangeResponse>>();
        Assert.Equal((18, 20), (diff.Items.Count(c => c.Kind == "plan-added"), diff.Items.Count(c => c.Kind == "added")));
        Assert.Equal(0, (await client.GetAsync("/api/commitments", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>()).Total);
        Assert.Equal(0, (await client.GetAsync("/api/members", TestContext.Current.CancellationToken).OkAsync<PagedResponse<MemberResponse>>()).Total);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same tests with every database on PostgreSQL (a private server: <see cref="PostgresServer"/>).</summary>
public sealed class ImportSampleOnPostgresTests() : ImportSampleTests(TestDatabase.Postgres);
