using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>
/// New commitments go through prepared inserts on SQLite and through EF's SaveChanges elsewhere (SQL Server): both
/// paths must store the same rows, versions and events.
/// </summary>
public sealed class BulkInsertTests
{
    [Fact]
    public async Task Prepared_inserts_and_EF_store_the_same_commitments_versions_and_events()
    {
        using var bulk = new ServiceFactory<Program>();
        using var ef = new ServiceFactory<Program>(new Dictionary<string, string?> { ["Imports:BulkInsert"] = "false" });

        var viaBulk = await ImportClient.ImportAsync(bulk.CreateAdminClient(), SampleSheet.Bytes);
        var viaEf = await ImportClient.ImportAsync(ef.CreateAdminClient(), SampleSheet.Bytes);

        Assert.Equal(viaEf.Counts, viaBulk.Counts);
        Assert.Equal(await ImportClient.OutboxCountsAsync(ef.Services), await ImportClient.OutboxCountsAsync(bulk.Services));
        var (bulkRows, efRows) = (await RowsAsync(bulk.Services), await RowsAsync(ef.Services));
        Assert.Equal(efRows.Count, bulkRows.Count);
        foreach (var (expected, actual) in efRows.Zip(bulkRows))
        {
            Assert.Equal(expected with { LastImportId = null, FirstSeenAt = default, UpdatedAt = default }, actual with { LastImportId = null, FirstSeenAt = default, UpdatedAt = default });
        }

        var links = await LinksAsync(bulk.Services);
        Assert.NotEmpty(links);
        Assert.Equal(await LinksAsync(ef.Services), links);

        var history = await bulk.CreateAdminClient().GetAsync("/api/commitments/BG0039/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<CommitmentVersionResponse>>();
        Assert.Equal("added", Assert.Single(history.Items).Kind);
    }

    private sealed record Row(string Id, string ActionPlanId, string Cells, string? FullText, string PolicyAreas, string? Completion, DateOnly? StartDate, string ContentHash, int Version, Guid? LastImportId, DateTime FirstSeenAt, DateTime UpdatedAt);

    /// <summary>The reform-thread links the import proposed, each with its audit trail (the final step's prepared inserts).</summary>
    private static async Task<List<string>> LinksAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var links = await db.CommitmentLinks.AsNoTracking().OrderBy(l => l.CommitmentId).ToListAsync(TestContext.Current.CancellationToken);
        var audits = await db.CommitmentLinkAudits.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        return [.. links.Select(l => string.Join(" ", l.MemberCode, l.CommitmentId, l.PredecessorId, l.Status, l.Origin, l.Similarity, l.CarriedForward, l.Version, l.CreatedAt == default,
            string.Join(",", audits.Where(a => a.LinkId == l.Id).Select(a => $"{a.Action}/{a.Actor}"))))];
    }

    private static async Task<List<Row>> RowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var rows = await db.Commitments.AsNoTracking().OrderBy(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
        return [.. rows.Select(c => new Row(c.Id, c.ActionPlanId, c.Cells, c.FullText, c.PolicyAreas, c.Completion, c.StartDate, Convert.ToHexString(c.ContentHash), c.Version, c.LastImportId, c.FirstSeenAt, c.UpdatedAt))];
    }
}
