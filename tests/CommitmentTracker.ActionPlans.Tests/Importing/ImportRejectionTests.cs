using System.Net;
using System.Net.Http.Json;
using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Mvc;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>Every way a file or a row is refused, and that a refused file writes nothing.</summary>
public sealed class ImportRejectionTests : IDisposable
{
    private readonly ServiceFactory<Program> factory = new(new Dictionary<string, string?> { ["Imports:MaxFileBytes"] = "200000" });

    private async Task AssertNothingWrittenAsync(HttpClient client)
    {
        Assert.Equal(0, (await client.GetAsync("/api/commitments?includeRemoved=true", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentSummaryResponse>>()).Total);
        Assert.Equal(0, (await client.GetAsync("/api/members", TestContext.Current.CancellationToken).OkAsync<PagedResponse<MemberResponse>>()).Total);
        var events = await ImportClient.OutboxCountsAsync(factory.Services);
        Assert.Equal(0, events.Count(nameof(CommitmentAdded)) + events.Count(nameof(ActionPlanImported)));
    }

    [Fact]
    public async Task Anonymous_callers_cannot_import_or_read_imports()
    {
        var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await ImportClient.PostFileAsync(anonymous, SampleSheet.Bytes)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/imports", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/commitments", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/commitments/export", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("reader", null, null)]
    [InlineData("liaison", "OGP", null)]
    [InlineData("country-lead", null, "BGR")]
    public async Task Only_admins_import_and_see_the_sources_but_every_role_reads_imports(string role, string? organisation, string? member)
    {
        var client = factory.As(role, organisation, member is null ? null : [member]);

        await ImportClient.PostFileAsync(client, SampleSheet.Bytes).ProblemAsync(HttpStatusCode.Forbidden);
        await client.GetAsync("/api/import-sources", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(0, (await client.GetAsync("/api/imports", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportResponse>>()).Total);
    }

    [Fact]
    public async Task A_file_that_is_neither_CSV_nor_XLSX_is_415()
    {
        var client = factory.CreateAdminClient();

        var problem = await HttpAssert.ProblemAsync(await ImportClient.PostFileAsync(client, [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10], "photo.png"), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("The file is neither a CSV nor an XLSX workbook.", problem.Title);
        Assert.Equal(0, (await client.GetAsync("/api/imports", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportResponse>>()).Total);
    }

    [Fact]
    public async Task A_corrupt_workbook_is_400()
    {
        var client = factory.CreateAdminClient();
        var zipLike = Encoding.ASCII.GetBytes("PK\u0003\u0004 this is not really a zip archive at all");

        var problem = await HttpAssert.ProblemAsync(await ImportClient.PostFileAsync(client, zipLike, "sheet.xlsx"), HttpStatusCode.BadRequest);

        Assert.Equal("The file could not be read.", problem.Title);
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_or_JSON_is_415()
    {
        var client = factory.CreateAdminClient();

        var response = await client.PostAsync("/api/imports", new StringContent("Commitment Unique Identifier\nX", Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_form_without_a_file_field_is_400()
    {
        var client = factory.CreateAdminClient();
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };

        var problem = await HttpAssert.ProblemAsync(await client.PostAsync("/api/imports", form, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);

        Assert.Equal("No file was sent.", problem.Title);
    }

    [Fact]
    public async Task A_header_without_required_columns_is_400_naming_them()
    {
        var client = factory.CreateAdminClient();
        var csv = Encoding.UTF8.GetBytes("Commitment Unique Identifier,Commitment Title,Region\nUK0098,Open data,Europe\n");

        var problem = await HttpAssert.ProblemAsync(await ImportClient.PostFileAsync(client, csv), HttpStatusCode.BadRequest);

        Assert.Contains("'Country/Locality'", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("'Code'", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("'Action Plan ID'", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("'Commitment Title'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_repeating_a_column_is_400()
    {
        var client = factory.CreateAdminClient();
        var csv = Encoding.UTF8.GetBytes("Commitment Unique Identifier,Country/Locality,Code,Action Plan ID,Commitment Title,Code\n");

        var problem = await HttpAssert.ProblemAsync(await ImportClient.PostFileAsync(client, csv), HttpStatusCode.BadRequest);

        Assert.Contains("'Code'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_413_and_nothing_is_queued()
    {
        var client = factory.CreateAdminClient();
        var big = new byte[210_000];
        Array.Fill(big, (byte)'a');

        var problem = await HttpAssert.ProblemAsync(await ImportClient.PostFileAsync(client, big), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("MaxFileBytes", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetAsync("/api/imports", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportResponse>>()).Total);
    }

    [Fact]
    public async Task Duplicate_commitment_ids_reject_the_whole_file_and_write_nothing()
    {
        var client = factory.CreateAdminClient();
        var sample = await SampleSheet.LoadAsync();
        var copy = (string[])sample.Row("BG0039").Clone();
        sample.Rows.Add(copy);

        var job = await ImportClient.ImportAsync(client, await sample.ToCsvAsync());

        Assert.Equal("rejected", job.Status);
        Assert.Equal("Commitment 'BG0039' appears twice, in rows 9 and 22: ids must be unique.", job.Error);
        Assert.Equal(new ImportCounts(0, 0, 0, 0, 0, 0, 0, 0), job.Counts);
        await AssertNothingWrittenAsync(client);
        var completed = Assert.Single(await ImportClient.EventsAsync<ImportCompleted>(factory.Services));
        Assert.Equal("rejected", completed.Status);
    }

    [Fact]
    public async Task Unreadable_CSV_rejects_the_whole_file()
    {
        var client = factory.CreateAdminClient();
        var sample = await SampleSheet.LoadAsync();
        var csv = Encoding.UTF8.GetString(await sample.ToCsvAsync()) + "ZZ0001,\"never closed";

        var job = await ImportClient.ImportAsync(client, Encoding.UTF8.GetBytes(csv));

        Assert.Equal("rejected", job.Status);
        Assert.NotNull(job.Error);
        await AssertNothingWrittenAsync(client);
    }

    [Fact]
    public async Task Bad_rows_are_rejected_one_by_one_with_row_column_value_and_reason()
    {
        var client = factory.CreateAdminClient();
        var sample = await SampleSheet.LoadAsync();
        sample.Set("BG0039", "Code", "B6R");
        sample.Set("UK0098", "Commitment Title", "");
        sample.Set("LV0040", "Year Of Submission", "20x9");
        sample.Set("MN0045", "Open Contracting", "yes");
        var shifted = sample.Row("SL0033").Append("spill-over").ToArray();
        sample.Rows[sample.Rows.IndexOf(sample.Row("SL0033"))] = shifted;

        var job = await ImportClient.ImportAsync(client, await sample.ToCsvAsync());

        Assert.Equal("succeeded", job.Status);
        Assert.Equal((20, 15, 5), (job.Counts.RowsRead, job.Counts.Added, job.Counts.Rejected));
        Assert.Equal(5, job.ErrorCount);
        Assert.Contains(new ImportRowErrorResponse(9, "Code", "B6R", "The cell must hold a member code: 3 letters (ISO alpha-3) or 4 for a local member."), job.Errors);
        Assert.Contains(new ImportRowErrorResponse(21, "Commitment Title", null, "The commitment title is required."), job.Errors);
        Assert.Contains(new ImportRowErrorResponse(15, "Year Of Submission", "20x9", "A whole number (or NA, ND, NR) is expected."), job.Errors);
        Assert.Contains(new ImportRowErrorResponse(18, "Open Contracting", "yes", "A policy-area flag is 0 or 1 (or NA, ND, NR)."), job.Errors);
        Assert.Contains(job.Errors, e => e.Row == 19 && e.Column is null && e.Reason.Contains("header has 171", StringComparison.Ordinal));
        var errors = await client.GetAsync($"/api/imports/{job.Id}/errors?pageSize=2", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ImportRowErrorResponse>>();
        Assert.Equal((5, 2), (errors.Total, errors.Items.Count));
        Assert.Equal(404, (int)(await client.GetAsync("/api/commitments/BG0039", TestContext.Current.CancellationToken)).StatusCode);

        // A rejected row's commitment is not taken for removed on the next import.
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var again = await ImportClient.ImportAsync(client, await sample.ToCsvAsync());
        Assert.Equal((0, 5), (again.Counts.Removed, again.Counts.Rejected));
    }

    [Fact]
    public async Task Unknown_columns_are_kept_and_reported()
    {
        var client = factory.CreateAdminClient();
        var sample = await SampleSheet.LoadAsync();
        sample.Header.Add("Liaison Notes");
        for (var i = 0; i < sample.Rows.Count; i++)
        {
            sample.Rows[i] = [.. sample.Rows[i], i == 0 ? "check with OCP" : ""];
        }

        var job = await ImportClient.ImportAsync(client, await sample.ToCsvAsync());

        Assert.Equal(("succeeded", 20), (job.Status, job.Counts.Added));
        Assert.Equal(["Liaison Notes"], job.UnknownColumns);
        var first = await client.GetAsync($"/api/commitments/{sample.Rows[0][0]}", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        Assert.Equal("check with OCP", first.ExtraColumns["Liaison Notes"]);
    }

    [Fact]
    public async Task Unknown_imports_and_sources_are_answered_clearly()
    {
        var client = factory.CreateAdminClient();

        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/imports/{Guid.NewGuid()}", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/imports/{Guid.NewGuid()}/changes", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await client.GetAsync("/api/commitments/XX9999", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await client.GetAsync("/api/commitments/XX9999/history", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        Assert.Equal(["source"], await ProblemAssert.ValidationErrorsAsync(await client.PostAsJsonAsync("/api/imports", new StartSourceImportRequest { Source = "nowhere" }, TestContext.Current.CancellationToken)));
    }

    public void Dispose() => factory.Dispose();
}
