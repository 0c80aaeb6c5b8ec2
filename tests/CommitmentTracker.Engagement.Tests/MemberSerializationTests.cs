using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>
/// A first import delivers a member's plan, commitments and tags on three queues at once; each message may reassess the
/// member. They must not race: no consume fails (before, two reassessments wrote the same history version and the
/// loser failed on the unique key, logged as an error and retried), nothing is logged as a warning or an error, and the
/// history is one version after another.
/// </summary>
public sealed class MemberSerializationTests : IDisposable
{
    private readonly EngagementFactory factory = new(configureServices: services => services.AddLogging(logging => logging.AddFakeLogging()));

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task A_members_messages_on_every_queue_at_once_reassess_it_one_after_another()
    {
        _ = factory.Server;
        var bus = factory.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var ids = Enumerable.Range(1, 12).Select(i => $"KG90{i:00}").ToList();
        var rows = ids.Select(id => Sample.Row("KG0009", r => r["Commitment Unique Identifier"] = id)).ToList();
        var messages = new List<object> { Sample.Plan(rows[0]) };
        messages.AddRange(rows.Select(Sample.Added));
        messages.AddRange(ids.Select(id => new CommitmentTagged
        {
            CommitmentId = id, MemberCode = "KGZ", Tag = "open-contracting", Status = TagStatus.Confirmed, Organisation = "OCP",
            ApprovedBy = ["OCP", "OGP"], OccurredAt = DateTimeOffset.UtcNow,
        }));

        var sent = messages.Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(messages.Select((message, i) => bus.Publish(message, context => context.MessageId = sent[i], TestContext.Current.CancellationToken)));
        foreach (var id in sent)
        {
            await watcher.WaitForAsync(id, 1, TimeSpan.FromSeconds(60));
        }

        Assert.Empty(watcher.Faults);
        var problems = factory.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level >= LogLevel.Warning).Select(r => $"{r.Category}: {r.Message}");
        Assert.Empty(problems);
        var versions = await factory.QueryAsync(db => db.AssessmentHistory.Where(h => h.MemberCode == "KGZ").OrderBy(h => h.Version).Select(h => h.Version).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        var assessment = await factory.QueryAsync(db => db.Assessments.SingleAsync(a => a.MemberCode == "KGZ", TestContext.Current.CancellationToken));
        Assert.Equal(versions[^1], assessment.Version);
    }
}
