using System.Text.Json.Nodes;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>
/// The rows of a plan the database does not hold yet have their hashes and stored cells worked out on the parser's
/// thread (<c>StoredCells</c>), and are built there as new commitments with their first version and event
/// (<c>NewCommitment</c>); every other row has all that worked out by the writer. Both must store the same values, or the
/// next import would take unchanged rows for changed ones, and the same events, or the other services would not see
/// the same commitments.
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
        var (parsedEvents, writtenEvents) = (await AddedEventsAsync(newPlans.Services), await AddedEventsAsync(knownPlans.Services));
        Assert.Equal(viaParser.Counts.Added, parsedEvents.Count);
        Assert.Equal(writtenEvents, parsedEvents);

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
        var versions = await db.CommitmentVersions.AsNoTracking().ToDictionaryAsync(v => v.CommitmentId, v => $"{v.Version} {v.Kind} {v.Changes}", TestContext.Current.CancellationToken);
        return
        [
            .. rows.Select(c => string.Join(
                "|",
                c.Id, c.ActionPlanId, c.MemberCode, c.Layout, c.Version, c.Removed, c.Title, c.ShortTitle, c.LeadInstitution, c.FullText, c.Completion,
                c.PolicyAreas, c.StartDate, c.EndDate, c.Cells, c.ExtraCells, Convert.ToHexString(c.ContentHash), Convert.ToHexString(c.FullHash),
                c.FirstSeenAt == c.UpdatedAt, versions[c.Id])),
        ];
    }

    /// <summary>The bodies of the import's <c>CommitmentAdded</c> events, without what differs between two imports (their id and time).</summary>
    private static async Task<List<string>> AddedEventsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var bodies = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType.StartsWith(typeof(CommitmentAdded).FullName + ",")).Select(m => m.Body)
            .ToListAsync(TestContext.Current.CancellationToken);
        return
        [
            .. bodies.Select(body =>
            {
                var added = JsonNode.Parse(body)!.AsObject();
                Assert.True(added.Remove("importId") && added.Remove("occurredAt"), body);
                return added.ToJsonString();
            }).Order(StringComparer.Ordinal),
        ];
    }
}
