using System.Diagnostics;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;
using CommitmentTracker.Notifications;
using CommitmentTracker.Notifications.Consumers;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// Notifications' activity consumer alone, in process, on a SQLite file: the service's own registrations (the
/// database with its interceptors, the inbox), batches as big as the service's handed to the inbox as the batch consumer hands them, in
/// the mix a 20 000-row import causes (per commitment one <see cref="CommitmentAdded"/> and about 1.5
/// <see cref="TagSuggested"/>; per member one <see cref="ActionPlanImported"/>; no subscriptions). Reports wall and
/// CPU time (this process's, so the figure holds on a loaded machine) per event. Reported, never asserted.
/// </summary>
internal static class ActivityBenchmark
{
    /// <summary>The correlation id every event carries, as an import's events share one.</summary>
    private const string ImportCorrelation = "bench-import-0001";

    public const int DefaultCommitments = 20_000;
    /// <summary>As the service's batch consumer takes them.</summary>
    private static readonly int BatchSize = new BatchSettings().MessageLimit;
    private const int Members = 80;

    public static async Task RunAsync(int commitments)
    {
        var work = Directory.CreateTempSubdirectory("ct-bench-activity-");
        try
        {
            // A warm-up on a database of its own: JIT, EF's model and query compilation are not what is measured.
            await RunOnceAsync(Path.Combine(work.FullName, "warm.db"), 1_000, report: false);
            await RunOnceAsync(Path.Combine(work.FullName, "notifications.db"), commitments, report: true);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static async Task RunOnceAsync(string database, int commitments, bool report)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Notifications"] = $"Data Source={database}",
            ["Notifications:PublicBaseUrl"] = "https://tracker.example.org/",
            ["Notifications:UnsubscribeSigningKey"] = "bench-unsubscribe-signing-key-0123456789abcdef",
            ["Notifications:WebhookSecretKey"] = "bench-webhook-secret-key-0123456789abcdefghij",
        });
        builder.AddNotifications();
        builder.Services.AddScoped<RecordActivityConsumer>();
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
            await db.Database.MigrateAsync();
            // As the service's migrator leaves the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        var plans = Enumerable.Range(0, Members).Select(m => ReceivedMessage.Of(new ActionPlanImported
        {
            ActionPlanId = $"AP_M{m:000}01", MemberCode = $"M{m:000}", MemberName = $"Member {m}", Number = 1, SubmissionYear = 2024, EndYear = 2026, OccurredAt = DateTimeOffset.UtcNow,
        }, ImportCorrelation)).ToList();
        var added = Enumerable.Range(0, commitments).Select(i => ReceivedMessage.Of(new CommitmentAdded
        {
            CommitmentId = $"M{i % Members:000}{i:00000}", ActionPlanId = $"AP_M{i % Members:000}01", MemberCode = $"M{i % Members:000}",
            Title = $"Open up public procurement data, step {i}", PolicyAreas = ["Open Contracting"], OccurredAt = DateTimeOffset.UtcNow,
            Current = new CommitmentSnapshot { Title = $"Open up public procurement data, step {i}", MemberName = $"Member {i % Members}", Url = $"https://www.opengovpartnership.org/commitments/{i}/" },
        }, ImportCorrelation)).ToList();
        var suggested = Enumerable.Range(0, commitments * 3 / 2).Select(i => ReceivedMessage.Of(new TagSuggested
        {
            SuggestionId = Guid.NewGuid(), CommitmentId = $"M{i / 2 % Members:000}{i / 2 % commitments:00000}", MemberCode = $"M{i / 2 % Members:000}",
            Tag = $"tag-{i % 34}", Confidence = 0.8, Evidence = [new SuggestionEvidence("rule", "Title", "procurement data")], OccurredAt = DateTimeOffset.UtcNow,
        }, ImportCorrelation)).ToList();

        var total = TimeSpan.Zero;
        var totalCpu = TimeSpan.Zero;
        var events = 0;
        foreach (var (name, run) in new (string, Func<Task<int>>)[]
        {
            ("action-plan-imported", () => ConsumeAsync(host.Services, plans)),
            ("commitment-added", () => ConsumeAsync(host.Services, added)),
            ("tag-suggested", () => ConsumeAsync(host.Services, suggested)),
        })
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var count = await run();
            var elapsed = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            total += elapsed;
            totalCpu += used;
            events += count;
            if (report)
            {
                Console.WriteLine(Invariant($"| {name} | {count} | {elapsed.TotalSeconds:0.00} s | {count / elapsed.TotalSeconds:0} /s | {elapsed.TotalMilliseconds * 1000 / count:0} µs | {used.TotalMilliseconds * 1000 / count:0} µs |"));
            }
        }

        if (report)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
            var rows = await db.Activity.CountAsync();
            var inbox = await db.InboxMessages.CountAsync();
            Console.WriteLine(Invariant($"| all | {events} | {total.TotalSeconds:0.00} s | {events / total.TotalSeconds:0} /s | {total.TotalMilliseconds * 1000 / events:0} µs | {totalCpu.TotalMilliseconds * 1000 / events:0} µs |"));
            Console.WriteLine(Invariant($"{rows} activity rows, {inbox} inbox records, {await db.KnownMembers.CountAsync()} known members, {await db.KnownTags.CountAsync()} known tags; load average {LoadAverage()}"));
        }
    }

    /// <summary>Hands <paramref name="messages"/> to the consumer through the inbox, a batch at a time, each batch in a scope of its own (as the batch consumer does).</summary>
    private static async Task<int> ConsumeAsync<T>(IServiceProvider services, IReadOnlyList<ConsumeContext<T>> messages)
        where T : class
    {
        var handled = 0;
        foreach (var batch in messages.Chunk(BatchSize))
        {
            await using var scope = services.CreateAsyncScope();
            var consumer = BatchConsumerOf<T>(scope.ServiceProvider.GetRequiredService<RecordActivityConsumer>());
            handled += await scope.ServiceProvider.GetRequiredService<Inbox<NotificationsDb>>()
                .HandleBatchOnceAsync("notifications-activity", batch, fresh => consumer.ConsumeAsync(fresh, CancellationToken.None), CancellationToken.None);
        }

        return handled;
    }

    /// <summary>The consumer as the batch consumer of <typeparamref name="T"/> (it is one for every event the benchmark sends).</summary>
    private static IBatchConsumer<T> BatchConsumerOf<T>(object consumer)
        where T : class => (IBatchConsumer<T>)consumer;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
