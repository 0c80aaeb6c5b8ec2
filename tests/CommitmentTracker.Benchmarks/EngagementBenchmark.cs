using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Engagement;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Engagement.Ocds;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// The Engagement service's own work, in process on SQLite, for OGP's size: 80 members × 5 plans × 40 commitments
/// (16 000), one in ten tagged open contracting, a registry of 400 publications. Measures a reassessment that moves
/// nothing (the redelivery path), a completion change of an open contracting commitment with its reassessment, history
/// and outbox row (one transaction each, as the consumer does), and a whole registry import. Reported, never asserted.
/// </summary>
internal static class EngagementBenchmark
{
    private const int Members = 80;
    private const int PlansPerMember = 5;
    private const int CommitmentsPerPlan = 40;
    private const int Publications = 400;
    private static readonly string[] Completions = ["Not Started", "Limited", "Substantial", "Complete", "NR", "ND"];

    public static async Task RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("ct-bench-engagement-");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteEngagementDb>().UseSqlite($"Data Source={Path.Combine(work.FullName, "engagement.db")}").Options;
            var settings = new EngagementOptions();
            var rules = new EngagementRules(settings);
            var assessor = new EngagementAssessor(rules, TimeProvider.System);
            var importer = new OcdsImporter(new CountryNames(Options.Create(settings)), assessor, new MemberGate(), TimeProvider.System);
            var codes = Enumerable.Range(0, Members).Select(i => $"M{(char)('A' + (i / 26))}{(char)('A' + (i % 26))}").ToList();
            await SeedAsync(options, codes);
            Console.WriteLine(Invariant($"{Members} members, {Members * PlansPerMember * CommitmentsPerPlan} commitments, {Members * PlansPerMember * CommitmentsPerPlan / 10} tagged open contracting; SQLite (WAL), one transaction per step."));

            // First assessment of every member (each writes its first history entry and, mostly, an event).
            var clock = Stopwatch.StartNew();
            foreach (var code in codes)
            {
                await using var db = await OpenAsync(options);
                await assessor.ReassessAsync(db, code, "benchmark", [], CancellationToken.None);
                await db.SaveChangesAsync();
            }

            Report("first assessment of a member (history + event)", Members, clock.Elapsed);

            clock.Restart();
            const int rounds = 5;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var code in codes)
                {
                    await using var db = await OpenAsync(options);
                    await assessor.ReassessAsync(db, code, "benchmark", [], CancellationToken.None);
                    await db.SaveChangesAsync();
                }
            }

            Report("reassessment that moves nothing (redelivery path)", Members * rounds, clock.Elapsed);

            var changes = 0;
            clock.Restart();
            foreach (var code in codes)
            {
                for (var plan = 0; plan < PlansPerMember; plan++)
                {
                    await using var db = await OpenAsync(options);
                    var commitment = await db.Commitments.FirstAsync(c => c.Id == $"{code}{plan}00");
                    commitment.CompletionEndOfTerm = commitment.CompletionEndOfTerm == "Limited" ? "Complete" : "Limited";
                    await assessor.ReassessAsync(db, code, "benchmark", [], CancellationToken.None);
                    await db.SaveChangesAsync();
                    changes++;
                }
            }

            Report("completion change of an open contracting commitment (reassess, history, event)", changes, clock.Elapsed);

            var file = Enumerable.Range(1, Publications).Select(i => new RegistryPublication(
                i, $"Publication {i}", i % 10 == 0 ? $"Unknown place {i}" : MemberName(codes[i % Members]), "EU", $"source_{i}", null,
                new DateOnly(2026, 10, 1), new DateOnly(2015, 1, 1), new DateOnly(2026, 9, 1 + (i % 28)), i % 7 == 0, ["tender", "awards"])).ToList();
            for (var run = 1; run <= 3; run++)
            {
                clock.Restart();
                await using var db = await OpenAsync(options);
                var result = await importer.ImportAsync(db, file, "benchmark", CancellationToken.None);
                Console.WriteLine(Invariant($"| registry import {run} ({Publications} publications, {result.Mapped} mapped, {result.MembersReassessed.Count} members reassessed) | {clock.Elapsed.TotalMilliseconds:0} ms |"));
            }

            await using (var db = await OpenAsync(options))
            {
                Console.WriteLine(Invariant($"History entries {await db.AssessmentHistory.CountAsync()}, EngagementAssessed in the outbox {await db.OutboxMessages.CountAsync()}."));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static string MemberName(string code) => $"Member {code}";

    private static async Task SeedAsync(DbContextOptions<SqliteEngagementDb> options, List<string> codes)
    {
        await using var db = new SqliteEngagementDb(options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        var now = DateTime.UtcNow;
        foreach (var code in codes)
        {
            db.Members.Add(new MemberProjection { Code = code, Name = MemberName(code), Region = "Europe", LatestActionPlanId = $"AP_{code}{PlansPerMember - 1}", UpdatedAt = now });
            for (var plan = 0; plan < PlansPerMember; plan++)
            {
                db.MemberActionPlans.Add(new MemberActionPlan { ActionPlanId = $"AP_{code}{plan}", MemberCode = code, SubmissionYear = 2012 + (2 * plan), Number = plan + 1 });
                for (var n = 0; n < CommitmentsPerPlan; n++)
                {
                    var id = $"{code}{plan}{n:00}";
                    db.Commitments.Add(new TrackedCommitment
                    {
                        Id = id, MemberCode = code, ActionPlanId = $"AP_{code}{plan}", Title = $"Commitment {id}",
                        PotentialImpact = "Moderate", CompletionEndOfTerm = Completions[(plan + n) % Completions.Length], DidItOpenGovernment = "Marginal", UpdatedAt = now,
                    });
                    if (n % 10 == 0)
                    {
                        db.ConfirmedTags.Add(new ConfirmedTag { CommitmentId = id, Tag = "open-contracting", MemberCode = code, ConfirmedAt = now });
                    }
                }
            }
        }

        await db.SaveChangesAsync();
    }

    private static async Task<SqliteEngagementDb> OpenAsync(DbContextOptions<SqliteEngagementDb> options)
    {
        var db = new SqliteEngagementDb(options);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;");
        return db;
    }

    private static void Report(string label, int count, TimeSpan elapsed) =>
        Console.WriteLine(Invariant($"| {label} | {count / elapsed.TotalSeconds:0}/s | {elapsed.TotalMilliseconds / count:0.0} ms each | n = {count} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
