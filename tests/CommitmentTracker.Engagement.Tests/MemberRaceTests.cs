using System.Net.Http.Json;
using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Persistence;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>
/// A member reassessed by two writers at once: the consumers applying an import's events and a request (a mandate, a
/// registry import). In one process they take turns (<see cref="MemberGate"/>); a race lost to another instance is run
/// again on the new facts; anything else that breaks a save is not.
/// </summary>
public abstract class MemberRaceTests(TestDatabase database) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EngagementFactory factory = new(database: database);

    private static UpdateMandateRequest Mandate(int leadership) =>
        new(new MandateComponentRequest(leadership, "The Prime Minister's office leads.", null), null, null, null);

    /// <summary>
    /// What a consumer batch (or another instance) does: a fact of the member changes, it is reassessed and saved, in a
    /// context of its own and without the gate. Each call moves the member's score to a new value.
    /// </summary>
    private async Task CompetitorMovesAsync(string member, int score)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
        var stored = await db.MandateScores.FirstOrDefaultAsync(m => m.MemberCode == member && m.Component == MandateComponents.Resources, Ct);
        if (stored is null)
        {
            stored = new MandateScore { MemberCode = member, Component = MandateComponents.Resources, EnteredBy = "competitor" };
            db.MandateScores.Add(stored);
        }

        (stored.Score, stored.AssessedOn, stored.EnteredAt) = (score, new DateOnly(2026, 11, 1), DateTime.UtcNow);
        Assert.True(await scope.ServiceProvider.GetRequiredService<EngagementAssessor>().ReassessAsync(db, member, $"competitor {score}", [], Ct));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Reassesses <paramref name="member"/> in <paramref name="db"/> after a mandate change of its own, without saving.</summary>
    private static async Task ReassessWithLeadershipAsync(IServiceProvider services, EngagementDb db, string member, int leadership)
    {
        db.MandateScores.Add(new MandateScore
        {
            MemberCode = member, Component = MandateComponents.PoliticalLeadership, Score = leadership, AssessedOn = new DateOnly(2026, 11, 1),
            EnteredBy = "request", EnteredAt = DateTime.UtcNow,
        });
        Assert.True(await services.GetRequiredService<EngagementAssessor>().ReassessAsync(db, member, "request", [], Ct));
    }

    private Task<List<AssessmentHistoryEntry>> HistoryAsync(string member) =>
        factory.QueryAsync(db => db.AssessmentHistory.AsNoTracking().Where(h => h.MemberCode == member).OrderBy(h => h.Version).ToListAsync(Ct));

    [Fact]
    public async Task Two_reassessments_read_side_by_side_write_the_same_next_version_and_the_later_save_is_a_conflict()
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
        await ReassessWithLeadershipAsync(scope.ServiceProvider, db, "ALB", leadership: 2);

        await CompetitorMovesAsync("ALB", score: 1);
        var lost = await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        Assert.True(SaveConflicts.IsConflict(lost));
        Assert.Equal("competitor 1", (await HistoryAsync("ALB"))[^1].Trigger);
    }

    [Fact]
    public async Task A_request_that_loses_the_race_runs_again_on_the_new_facts()
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
        var attempts = 0;

        var saved = await MemberGate.RunAsync(db, async () =>
        {
            attempts++;
            await ReassessWithLeadershipAsync(scope.ServiceProvider, db, "ALB", leadership: 2);
            if (attempts == 1)
            {
                await CompetitorMovesAsync("ALB", score: 1);
            }

            return await db.SaveChangesAsync(Ct);
        });

        Assert.Equal(2, attempts);
        Assert.True(saved > 0);
        var history = await HistoryAsync("ALB");
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h.Version));
        Assert.Equal(["competitor 1", "request"], history.TakeLast(2).Select(h => h.Trigger));
        var components = EngagementAssessor.Components(history[^1].Components);
        Assert.Contains("resources 1/3", history[^1].Explanation, StringComparison.Ordinal);
        Assert.Contains(components, c => c.Name == "mandate");
    }

    [Fact]
    public async Task A_race_lost_on_every_attempt_is_thrown_after_the_last()
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
        var attempts = 0;

        var lost = await Assert.ThrowsAnyAsync<DbUpdateException>(() => MemberGate.RunAsync(db, async () =>
        {
            attempts++;
            await ReassessWithLeadershipAsync(scope.ServiceProvider, db, "ALB", leadership: 2);
            await CompetitorMovesAsync("ALB", score: attempts % 2);
            return await db.SaveChangesAsync(Ct);
        }));

        Assert.True(SaveConflicts.IsConflict(lost));
        Assert.Equal(MemberGate.Attempts, attempts);
    }

    [Fact]
    public async Task A_save_that_breaks_a_rule_is_not_run_again()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
        var attempts = 0;

        var broken = await Assert.ThrowsAnyAsync<DbUpdateException>(() => MemberGate.RunAsync(db, () =>
        {
            attempts++;
            // A required column left empty: the database refuses it however often it is tried.
            db.CountryAliases.Add(new CountryAlias { Key = "narnia", Name = null!, MemberCode = "NAR", EnteredBy = "test" });
            return db.SaveChangesAsync(Ct);
        }));

        Assert.False(SaveConflicts.IsConflict(broken));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_mandate_entered_while_a_batch_holds_the_member_waits_for_it_and_is_assessed_after_it()
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);
        var gate = factory.Services.GetRequiredService<MemberGate>();

        Task<HttpResponseMessage> request;
        using (await gate.EnterAsync(["ALB"], Ct))
        {
            request = factory.Ocp().PutAsJsonAsync("/api/members/ALB/mandate", Mandate(leadership: 2), Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
            Assert.False(request.IsCompleted, "the mandate was saved while a batch held its member");
            await CompetitorMovesAsync("ALB", score: 1);
        }

        await request.OkAsync<MandateResponse>();
        var history = await HistoryAsync("ALB");
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h.Version));
        Assert.Equal(["competitor 1", "mandate by ocp-liaison (OCP)"], history.TakeLast(2).Select(h => h.Trigger));
    }

    [Fact]
    public async Task A_registry_import_while_a_batch_holds_a_member_it_concerns_waits_for_it_and_reassesses_after_it()
    {
        await factory.ImportRowAsync("UA0087");
        var json = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"), Ct);
        var gate = factory.Services.GetRequiredService<MemberGate>();

        Task<HttpResponseMessage> request;
        using (await gate.EnterAsync(["UKR"], Ct))
        {
            request = factory.CreateAdminClient().PostAsync("/api/ocds-publications/imports", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
            Assert.False(request.IsCompleted, "the registry import saved while a batch held a member it reassesses");
            await CompetitorMovesAsync("UKR", score: 1);
        }

        var imported = await request.OkAsync<OcdsImportResponse>();
        Assert.Contains("UKR", imported.MembersReassessed);
        var history = await HistoryAsync("UKR");
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h.Version));
        Assert.Equal(["competitor 1", "ocds-import upload"], history.TakeLast(2).Select(h => h.Trigger));
    }

    public void Dispose()
    {
        factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class MemberRaceOnSqliteTests() : MemberRaceTests(TestDatabase.Sqlite);

/// <summary>The same races on PostgreSQL (a private server: <see cref="PostgresServer"/>).</summary>
public sealed class MemberRaceOnPostgresTests() : MemberRaceTests(TestDatabase.Postgres);
