using System.Globalization;
using System.Text;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>
/// Import jobs on a database several instances share: a job is run only by the runner whose claim took it; recovery
/// leaves a job with a live lease alone and takes one whose lease passed; a run that lost its job writes nothing. The
/// service's own worker and sweeper are off: the tests drive runners (each with its own runner id, as two instances
/// have) and a sweeper themselves.
/// </summary>
public class ImportLeaseTests : IAsyncDisposable
{
    protected const string Thief = "another-instance";

    public ImportLeaseTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected ImportLeaseTests(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        Factory = new(settings, WithoutImportWorkers, database);

    private protected ServiceFactory<Program> Factory { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_runners_claiming_one_job_at_once_exactly_one_runs_it()
    {
        var first = Factory.Services.GetRequiredService<ImportRunner>();
        var second = ActivatorUtilities.CreateInstance<ImportRunner>(Factory.Services);
        var id = await QueueAsync(SampleSheet.Bytes, ImportStatus.Queued);

        var claimed = await Task.WhenAll(first.RunAsync(id, Cancel), second.RunAsync(id, Cancel));

        Assert.Single(claimed, c => c);
        var job = await JobAsync(id);
        Assert.Equal((ImportStatus.Succeeded, 20, null), (job.Status, job.Added, job.LeaseExpiresAt));
        Assert.Equal(claimed[0] ? first.RunnerId : second.RunnerId, job.RunnerId);
        Assert.Equal((20, 1), await StoredAsync());
    }

    [Fact]
    public async Task A_job_already_claimed_is_not_run_again()
    {
        var runner = Factory.Services.GetRequiredService<ImportRunner>();
        var id = await QueueAsync(SampleSheet.Bytes, ImportStatus.Queued);
        Assert.True(await runner.RunAsync(id, Cancel));

        Assert.False(await ActivatorUtilities.CreateInstance<ImportRunner>(Factory.Services).RunAsync(id, Cancel));

        Assert.Equal((20, 1), await StoredAsync());
    }

    [Fact]
    public async Task Recovery_leaves_a_job_with_a_live_lease_to_its_runner_and_takes_it_once_the_lease_passed()
    {
        var queue = new ImportQueue();
        var sweeper = ActivatorUtilities.CreateInstance<ImportJobSweeper>(Factory.Services, queue);
        var runner = Factory.Services.GetRequiredService<ImportRunner>();
        var id = await QueueAsync(SampleSheet.Bytes, ImportStatus.Running, Thief, DateTime.UtcNow.AddHours(1));

        Assert.Equal(0, await sweeper.SweepAsync(Cancel));
        Assert.False(await runner.RunAsync(id, Cancel));
        var untouched = await JobAsync(id);
        Assert.Equal((ImportStatus.Running, Thief), (untouched.Status, untouched.RunnerId));

        await SetLeaseAsync(id, Thief, DateTime.UtcNow.AddSeconds(-1));
        Assert.Equal(1, await sweeper.SweepAsync(Cancel));
        Assert.False(queue.Enqueue(id), "the sweep queued the job whose lease passed");
        Assert.True(await runner.RunAsync(id, Cancel));

        var job = await JobAsync(id);
        Assert.Equal((ImportStatus.Succeeded, runner.RunnerId, null), (job.Status, job.RunnerId, job.LeaseExpiresAt));
        Assert.Equal((20, 1), await StoredAsync());
        Assert.False(File.Exists(job.FilePath), "the file is deleted once imported");
    }

    [Fact]
    public async Task Recovery_takes_queued_jobs_once_and_only_those_whose_file_it_can_read()
    {
        var queue = new ImportQueue();
        var sweeper = ActivatorUtilities.CreateInstance<ImportJobSweeper>(Factory.Services, queue);
        var reachable = await QueueAsync(SampleSheet.Bytes, ImportStatus.Queued);
        var elsewhere = await QueueAsync(SampleSheet.Bytes, ImportStatus.Queued);
        File.Delete((await JobAsync(elsewhere)).FilePath);

        Assert.Equal(1, await sweeper.SweepAsync(Cancel));
        Assert.Equal(0, await sweeper.SweepAsync(Cancel));
        Assert.False(queue.Enqueue(reachable));
        Assert.True(queue.Enqueue(elsewhere));
    }

    [Fact]
    public async Task A_run_whose_job_another_runner_took_commits_nothing_and_publishes_nothing()
    {
        var id = await QueueAsync(SampleSheet.Bytes, ImportStatus.Running, Thief, DateTime.UtcNow.AddHours(1));
        var job = await JobAsync(id);
        // This runner claimed it once; its lease passed and another instance took the job since.
        job.RunnerId = "this-instance";

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
            var options = Factory.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
            await Assert.ThrowsAsync<ImportLeaseLostException>(() => ImportRunner.ImportFileAsync(db, job, options, TimeProvider.System, new ImportProgress(), Cancel));
        }

        var stored = await JobAsync(id);
        Assert.Equal((ImportStatus.Running, Thief, 0), (stored.Status, stored.RunnerId, stored.Added));
        Assert.NotNull(stored.LeaseExpiresAt);
        Assert.Equal((0, 0), await StoredAsync());
        Assert.Empty(await ImportClient.OutboxCountsAsync(Factory.Services));
    }

    [Fact]
    public async Task A_rejected_import_is_ended_by_the_runner_holding_it_with_one_event()
    {
        var runner = Factory.Services.GetRequiredService<ImportRunner>();
        var id = await QueueAsync("not,a,commitment,sheet\r\n1,2,3,4\r\n"u8.ToArray(), ImportStatus.Queued);
        Assert.True(await runner.RunAsync(id, Cancel));
        var rejected = await JobAsync(id);
        Assert.Equal((ImportStatus.Rejected, runner.RunnerId, null), (rejected.Status, rejected.RunnerId, rejected.LeaseExpiresAt));
        Assert.Equal(1, (await ImportClient.OutboxCountsAsync(Factory.Services)).Count(nameof(ImportCompleted)));
    }

    [Theory]
    [InlineData("00:00:00.500", "00:00:00.100", "Imports:LeaseDuration")]
    [InlineData("00:00:30", "00:00:20", "Imports:LeaseRenewal")]
    [InlineData("00:00:30", "00:00:00", "Imports:LeaseRenewal")]
    public void Lease_settings_are_validated_at_start(string duration, string renewal, string named)
    {
        var options = new ImportOptions
        {
            LeaseDuration = TimeSpan.Parse(duration, CultureInfo.InvariantCulture),
            LeaseRenewal = TimeSpan.Parse(renewal, CultureInfo.InvariantCulture),
        };

        var result = new ImportOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"'{named}' must be", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ImportOptionsValidator().Validate(null, new ImportOptions()).Succeeded);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static void WithoutImportWorkers(IServiceCollection services)
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType == typeof(ImportWorker) || d.ImplementationType == typeof(ImportJobSweeper))).ToList())
        {
            services.Remove(worker);
        }
    }

    /// <summary>Stores a job of <paramref name="content"/>, its file in the service's work folder.</summary>
    protected async Task<Guid> QueueAsync(byte[] content, string status, string? runnerId = null, DateTime? leaseExpiresAt = null)
    {
        var options = Factory.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
        Directory.CreateDirectory(options.WorkDirectory);
        var path = Path.Combine(options.WorkDirectory, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, content, Cancel);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(),
            Source = "lease.csv",
            Format = "csv",
            Status = status,
            CreatedAt = DateTime.UtcNow,
            StartedAt = status == ImportStatus.Running ? DateTime.UtcNow : null,
            RunnerId = runnerId,
            LeaseExpiresAt = leaseExpiresAt,
            FilePath = path,
            FileBytes = content.Length,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(Cancel);
        return job.Id;
    }

    private protected async Task<ImportJob> JobAsync(Guid id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, Cancel);
    }

    /// <summary>What another instance's claim (or its lease passing) does to the job's row.</summary>
    protected async Task SetLeaseAsync(Guid id, string runnerId, DateTime leaseExpiresAt)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().ImportJobs.Where(j => j.Id == id)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.RunnerId, runnerId).SetProperty(x => x.LeaseExpiresAt, leaseExpiresAt), Cancel);
    }

    /// <summary>The commitments stored and the <see cref="ImportCompleted"/> events in the outbox.</summary>
    protected async Task<(int Commitments, int Completed)> StoredAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var commitments = await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().Commitments.CountAsync(Cancel);
        return (commitments, (await ImportClient.OutboxCountsAsync(Factory.Services)).Count(nameof(ImportCompleted)));
    }

    /// <summary>A one-plan sheet of <paramref name="rows"/> commitments, big enough to take a while to import.</summary>
    protected static byte[] Sheet(int rows)
    {
        var csv = new StringBuilder("Commitment Unique Identifier,Country/Locality,Code,Action Plan ID,Action Plan Number,Year Of Submission,Action Plan End Year,Commitment Title,Full Text\r\n");
        for (var row = 1; row <= rows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"QL{row:D5},Lease,QLE,AP_QLE01,1,2025,2027,Commitment {row},A commitment long enough to be a row like OGP's.\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}

/// <summary>
/// The same tests on PostgreSQL (a private server: <see cref="PostgresServer"/>), and a runner that loses its job in the
/// middle of an import. That one runs here only: on SQLite the import's transaction holds the database's write lock,
/// so nobody can take the job before the import ends (the final write's check is the SQLite tests' A_run_whose_job…).
/// </summary>
public sealed class ImportLeaseOnPostgresTests() : ImportLeaseTests(
    TestDatabase.Postgres,
    new Dictionary<string, string?> { ["Imports:LeaseDuration"] = "00:00:01", ["Imports:LeaseRenewal"] = "00:00:00.100", ["Imports:BatchSize"] = "20" })
{
    [Fact]
    public async Task A_runner_that_loses_its_job_mid_import_stops_without_a_trace_and_the_new_owner_completes_it()
    {
        var progress = Factory.Services.GetRequiredService<ImportProgress>();
        var loser = Factory.Services.GetRequiredService<ImportRunner>();
        var id = await QueueAsync(Sheet(4000), ImportStatus.Queued);

        var running = loser.RunAsync(id, TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(() => Task.FromResult(progress.RowsRead(id) > 0 || running.IsCompleted), TimeSpan.FromSeconds(30), "the import to be under way");
        Assert.False(running.IsCompleted, "the import ended before it could be taken: make the sheet bigger");
        await SetLeaseAsync(id, Thief, DateTime.UtcNow.AddHours(1));
        Assert.True(await running);

        var taken = await JobAsync(id);
        Assert.Equal((ImportStatus.Running, Thief, 0), (taken.Status, taken.RunnerId, taken.Added));
        Assert.Equal((0, 0), await StoredAsync());
        Assert.True(File.Exists(taken.FilePath), "the file belongs to the job's new runner");

        // The new owner dies in turn; its lease passes and a runner of a third instance completes the job.
        await SetLeaseAsync(id, Thief, DateTime.UtcNow.AddSeconds(-1));
        var survivor = ActivatorUtilities.CreateInstance<ImportRunner>(Factory.Services);
        Assert.True(await survivor.RunAsync(id, TestContext.Current.CancellationToken));
        var job = await JobAsync(id);
        Assert.Equal((ImportStatus.Succeeded, survivor.RunnerId, 4000), (job.Status, job.RunnerId, job.Added));
        Assert.Equal((4000, 1), await StoredAsync());
    }

    [Fact]
    public async Task A_runner_stopping_mid_import_gives_the_job_back_and_writes_nothing()
    {
        var progress = Factory.Services.GetRequiredService<ImportProgress>();
        var runner = Factory.Services.GetRequiredService<ImportRunner>();
        var id = await QueueAsync(Sheet(4000), ImportStatus.Queued);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = runner.RunAsync(id, stopping.Token);
        await Eventually.UntilAsync(() => Task.FromResult(progress.RowsRead(id) > 0 || running.IsCompleted), TimeSpan.FromSeconds(30), "the import to be under way");
        Assert.False(running.IsCompleted, "the import ended before it could be stopped: make the sheet bigger");
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var job = await JobAsync(id);
        Assert.Equal((ImportStatus.Queued, null, 0), (job.Status, job.LeaseExpiresAt, job.Added));
        Assert.Equal((0, 0), await StoredAsync());
        Assert.True(File.Exists(job.FilePath), "the file waits for the instance that takes the job");
    }
}
