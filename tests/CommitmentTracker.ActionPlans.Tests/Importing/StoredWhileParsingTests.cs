using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>
/// The rows of a plan the database does not hold yet have their hashes and stored cells worked out on the parser's
/// thread (<c>StoredCells</c>); every other row has them worked out by the writer. Both must store the same values, or the
/// next import would take unchanged rows for changed ones.
/// </summary>
public sealed class StoredWhileParsingTests
{
    [Fact]
    public async Task Rows_of_new_plans_are_stored_as_the_writer_stores_rows_of_known_plans()
    {
        using var newPlans = new ServiceFactory<Program>();
        using var knownPlans = new ServiceFactory<Program>();
        // The same members and plans, without commitments, in the second service: its import's rows all belong to plans it holds.
        var viaParser = await ImportClient.ImportAsync(newPlans.CreateAdminClient(), SampleSheet.Bytes);
        await CopyMembersAndPlansAsync(newPlans.Services, knownPlans.Services);
        var viaWriter = await ImportClient.ImportAsync(knownPlans.CreateAdminClient(), SampleSheet.Bytes);

        Assert.Equal(viaParser.Counts.Added, viaWriter.Counts.Added);
        Assert.Equal(0, viaWriter.Counts.ActionPlansAdded);
        var (parsed, written) = (await StoredAsync(newPlans.Services), await StoredAsync(knownPlans.Services));
        Assert.NotEmpty(parsed);
        Assert.Equal(written, parsed);

        // And the first service's unchanged re-import compares the parser's hashes with the writer's reading of the same rows.
        var again = await ImportClient.ImportAsync(newPlans.CreateAdminClient(), SampleSheet.Bytes);
        Assert.Equal((0, 0, viaParser.Counts.Added), (again.Counts.Added, again.Counts.Changed, again.Counts.Unchanged));
    }

    private static async Task CopyMembersAndPlansAsync(IServiceProvider from, IServiceProvider to)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var source = from.CreateAsyncScope();
        await using var target = to.CreateAsyncScope();
        var read = source.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var write = target.ServiceProvider.GetRequiredService<ActionPlansDb>();
        write.Members.AddRange(await read.Members.AsNoTracking().ToListAsync(cancellationToken));
        write.ActionPlans.AddRange(await read.ActionPlans.AsNoTracking().ToListAsync(cancellationToken));
        await write.SaveChangesAsync(cancellationToken);
    }

    private static async Task<List<string>> StoredAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var rows = await db.Commitments.AsNoTracking().OrderBy(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
        return [.. rows.Select(c => string.Join("|", c.Id, c.Cells, c.FullText, c.ExtraCells, Convert.ToHexString(c.ContentHash), Convert.ToHexString(c.FullHash)))];
    }
}
