using System.Diagnostics;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.SystemTests;

/// <summary>kill -9 of RabbitMQ while events flow: afterwards every event had exactly one effect and consumers consume again.</summary>
[Collection(SharedDistributedSystem.Name)]
public sealed class BrokerFaultTests(DistributedSystem system)
{
    private const int Events = 1000;
    private const string Member = "FLT";

    [Fact]
    public async Task Killing_the_broker_mid_flow_loses_no_event_and_duplicates_no_effect()
    {
        system.RequireRunning();
        var output = TestContext.Current.TestOutputHelper!;
        var cancellationToken = TestContext.Current.CancellationToken;
        var api = system.AdminApi;
        var posted = 0;
        var clock = Stopwatch.StartNew();

        // The broker dies after ~30 % of the events were committed and comes back while the rest are still written.
        var fault = Task.Run(async () =>
        {
            await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref posted) >= Events * 3 / 10), TimeSpan.FromMinutes(2), "30 % of the events");
            await system.RunScriptAsync("broker-kill");
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: broker killed after {Volatile.Read(ref posted)} events");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            await system.RunScriptAsync("broker-start");
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: broker restarted, {Volatile.Read(ref posted)} events posted");
        }, cancellationToken);

        await Parallel.ForEachAsync(Enumerable.Range(0, Events), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            await api.RegisterActionPlanAsync(new RegisterActionPlanRequest { ActionPlanId = $"AP_{Member}{i:D4}", MemberCode = Member, MemberName = "Fault Land" }, cancellationToken: ct);
            Interlocked.Increment(ref posted);
        });
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: all {Events} events committed");
        await fault;

        var recorded = await Eventually.GetAsync(
            () => api.ListActivityAsync(member: Member, kind: "action-plan-imported", pageSize: 1, cancellationToken: cancellationToken),
            page => page.Total >= Events, TimeSpan.FromMinutes(3), $"all {Events} events to reach Notifications");
        var counted = await Eventually.GetAsync(
            () => MemberPlanCountAsync(cancellationToken), count => count >= Events, TimeSpan.FromMinutes(1), "Engagement to count every plan");
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: every event consumed by both services");

        // Redeliveries after the crash may still be in flight: let them land, then count effects.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var activity = await AllActivityAsync(cancellationToken);
        Assert.Equal(Events, activity.Count);
        Assert.Equal(Events, activity.Select(a => a.MessageId).Distinct().Count());
        Assert.Equal(Events, await MemberPlanCountAsync(cancellationToken));
        Assert.Equal(Events, recorded.Total);
        Assert.Equal(Events, counted);

        // And the consumers are consuming again.
        await api.RegisterActionPlanAsync(new RegisterActionPlanRequest { ActionPlanId = $"AP_{Member}_AFTER", MemberCode = Member, MemberName = "Fault Land" }, cancellationToken: cancellationToken);
        await Eventually.UntilAsync(async () => await MemberPlanCountAsync(cancellationToken) == Events + 1, TimeSpan.FromSeconds(30), "the event after recovery");
    }

    private async Task<int> MemberPlanCountAsync(CancellationToken cancellationToken)
    {
        var page = await system.AdminApi.ListEngagementAsync(pageSize: 200, cancellationToken: cancellationToken);
        return page.Items.FirstOrDefault(m => m.MemberCode == Member)?.ActionPlanCount ?? 0;
    }

    private async Task<List<ActivityEntryResponse>> AllActivityAsync(CancellationToken cancellationToken)
    {
        var all = new List<ActivityEntryResponse>();
        for (var page = 1; ; page++)
        {
            var result = await system.AdminApi.ListActivityAsync(member: Member, kind: "action-plan-imported", page: page, pageSize: 200, cancellationToken: cancellationToken);
            all.AddRange(result.Items);
            if (all.Count >= result.Total || result.Items.Count == 0)
            {
                return all;
            }
        }
    }
}
