using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;
using CommitmentTracker.Tagging.Consumers;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Testing;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using CommitmentTracker.Tagging;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// Suggestion throughput for 20 000 synthetic commitments (the import benchmark's sheet): the rules alone, then the
/// consumer's work per commitment (projection, suggestions, audit and TagSuggested outbox rows, one SQLite transaction
/// each, as a CommitmentAdded does), then a text change of every commitment (recompute), then an admin's recomputation
/// over the stored commitments (unchanged texts, batches of 100 per transaction, as RecomputeWorker runs it). Seeded
/// rules, policy-area mappings and calibration priors; default thresholds. Reported, never asserted.
/// </summary>
internal static class TaggingBenchmark
{
    public const int Rows = 20_000;
    /// <summary>The policy-area columns the seeded mappings read.</summary>
    private static readonly string[] Flags = [.. PolicyAreaMapping.Seed.SelectMany(m => m.PolicyAreaList).Distinct()];

    public static async Task RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("ct-bench-tagging-");
        try
        {
            var sheet = await SyntheticSheet.WriteAsync(Path.Combine(work.FullName, "commitments.csv"), Rows);
            var commitments = Read(sheet.Path);
            Console.WriteLine(Invariant($"Synthetic sheet (seed {SyntheticSheet.DefaultSeed}): {commitments.Count} commitments, {commitments.Average(c => (c.Text.FullText?.Length ?? 0) + c.Text.Title.Length):0} characters of text on average."));

            // The first commitments pay for building the rules and compiling their expressions (what a fresh process's first batch pays).
            var clock = Stopwatch.StartNew();
            var engine = new SuggestionEngine(RuleSeed.Rules, PolicyAreaMapping.Seed);
            var built = clock.Elapsed;
            var calibration = CalibrationTable.Seeded;
            foreach (var warm in commitments.Take(500))
            {
                engine.Suggest(warm.Text, calibration);
            }

            Console.WriteLine(Invariant($"| cold start of the rules | engine built in {built.TotalMilliseconds:0} ms; its first 500 commitments in {(clock.Elapsed - built).TotalMilliseconds:0} ms |"));
            clock.Restart();
            var suggested = 0;
            var suggestions = 0;
            foreach (var commitment in commitments)
            {
                var result = engine.Suggest(commitment.Text, calibration);
                suggestions += result.Count;
                suggested += result.Count > 0 ? 1 : 0;
            }

            var rulesOnly = clock.Elapsed;
            Console.WriteLine(Invariant($"| rules only ({engine.RuleCount} rules, one thread) | {commitments.Count / rulesOnly.TotalSeconds:0} commitments/s | {rulesOnly.TotalMilliseconds / commitments.Count * 1000:0} µs each | {suggested} commitments suggested, {suggestions} suggestions |"));

            await RunBatchConsumerAsync(Path.Combine(work.FullName, "tagging-batches.db"), commitments);

            var database = Path.Combine(work.FullName, "tagging.db");
            var options = new DbContextOptionsBuilder<SqliteTaggingDb>().UseSqlite($"Data Source={database}").Options;
            await using (var db = new SqliteTaggingDb(options))
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            }

            var settings = new TaggingOptions();
            var projection = new CommitmentProjection(
                new SuggestionEngineCache(), new CalibrationCache(TimeProvider.System, Options.Create(settings)), TimeProvider.System, SuggestionThresholds.From(settings));
            foreach (var (label, change) in new[] { ("added (consumer work, one transaction each)", false), ("text changed (recompute, flag)", true) })
            {
                clock.Restart();
                foreach (var commitment in commitments)
                {
                    await using var db = new SqliteTaggingDb(options);
                    await db.Database.OpenConnectionAsync();
                    await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;");
                    var text = change ? commitment.Text with { FullText = commitment.Text.FullText + " Updated." } : commitment.Text;
                    await projection.ApplyAsync(db, commitment with { Text = text }, CancellationToken.None);
                    await db.SaveChangesAsync();
                }

                var elapsed = clock.Elapsed;
                await using var count = new SqliteTaggingDb(options);
                var outbox = await count.OutboxMessages.CountAsync();
                Console.WriteLine(Invariant($"| {label} | {commitments.Count / elapsed.TotalSeconds:0} commitments/s | {elapsed.TotalMilliseconds / commitments.Count * 1000:0} µs each | {outbox} TagSuggested in the outbox so far |"));
            }

            clock.Restart();
            var counts = new RecomputeCounts();
            string? last = null;
            while (true)
            {
                await using var db = new SqliteTaggingDb(options);
#pragma warning disable CA1309 // Translated to SQL, as Recomputation does.
                var batch = await db.Commitments.Where(c => last == null || string.Compare(c.Id, last) > 0).OrderBy(c => c.Id).Take(settings.RecomputeBatchSize).ToListAsync();
#pragma warning restore CA1309
                if (batch.Count == 0)
                {
                    break;
                }

                var rules = await projection.ReadRulesAsync(db, CancellationToken.None);
                foreach (var commitment in batch)
                {
                    await projection.RecomputeAsync(db, commitment, rules, counts, CancellationToken.None);
                }

                await db.SaveChangesAsync();
                last = batch[^1].Id;
            }

            var recomputed = clock.Elapsed;
            Console.WriteLine(Invariant($"| admin recomputation, nothing changed (batches of {settings.RecomputeBatchSize}) | {commitments.Count / recomputed.TotalSeconds:0} commitments/s | {recomputed.TotalMilliseconds / commitments.Count * 1000:0} µs each | {counts.Added} added, {counts.Updated} updated, {counts.Superseded} superseded |"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The commitments as a 20 000-row import's <c>CommitmentAdded</c> events reach the service: the consumer with the
    /// service's registrations (<c>AddTagging</c>), batches of <see cref="BatchSettings.MessageLimit"/> through the inbox,
    /// one transaction each (as the batch consumer runs them). Wall and CPU time of this process per commitment.
    /// </summary>
    private static async Task RunBatchConsumerAsync(string database, List<CommitmentFacts> commitments)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Tagging"] = $"Data Source={database}" });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddTagging();
        builder.Services.AddScoped<TaggingCommitmentConsumer>();
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        var added = commitments.Select(c => ReceivedMessage.Of(new CommitmentAdded
        {
            CommitmentId = c.Id, ActionPlanId = c.ActionPlanId, MemberCode = c.MemberCode, Title = c.Text.Title, PolicyAreas = c.Text.PolicyAreas,
            OccurredAt = DateTimeOffset.UtcNow, Current = new CommitmentSnapshot
            {
                Title = c.Text.Title, FullText = c.Text.FullText, PolicyAreas = c.Text.PolicyAreas,
                LeadInstitution = c.Text.LeadInstitution, SupportingInstitutions = c.Text.SupportingInstitutions, Theme = c.Text.Theme,
            },
        }, "bench-import-0001")).ToList();
        var batchSize = new BatchSettings().MessageLimit;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var batch in added.Chunk(batchSize))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var consumer = scope.ServiceProvider.GetRequiredService<TaggingCommitmentConsumer>();
            await scope.ServiceProvider.GetRequiredService<Inbox<TaggingDb>>()
                .HandleBatchOnceAsync("tagging-commitment-events", batch, fresh => consumer.ConsumeAsync(fresh, CancellationToken.None), CancellationToken.None);
        }

        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
            Console.WriteLine(Invariant(
                $"| added, the batch consumer (batches of {batchSize} through the inbox, one transaction each) | {commitments.Count / elapsed.TotalSeconds:0} commitments/s | {elapsed.TotalMilliseconds / commitments.Count * 1000:0} µs each, {used.TotalMilliseconds / commitments.Count * 1000:0} µs of CPU | {await db.Suggestions.CountAsync()} suggestions, {await db.OutboxMessages.CountAsync()} TagSuggested in the outbox |"));
        }
    }

    private static List<CommitmentFacts> Read(string path)
    {
        var records = OgpSampleSheet.ReadRecords(path);
        var header = records[0];
        int Column(string name) => Array.IndexOf(header, name);
        var (id, title, text, plan, code) = (Column("Commitment Unique Identifier"), Column("Commitment Title"), Column("Full Text"), Column("Action Plan ID"), Column("Code"));
        var (lead, supporting, theme) = (Column("Lead Institution"), Column("Supporting Institution(s)"), Column("Theme"));
        var flags = Flags.Select(f => (f, Column(f))).Where(f => f.Item2 >= 0).ToList();
        // The institutions and the theme too, as the consumer passes them: their names are blanked out of the text first.
        return
        [
            .. records.Skip(1).Select(r => new CommitmentFacts(
                r[id], plan >= 0 ? r[plan] : "AP", code >= 0 ? r[code] : "XXX",
                new CommitmentText(r[title], r[text], [.. flags.Where(f => r[f.Item2] == "1").Select(f => f.f)], r[lead], r[supporting], r[theme]))),
        ];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
