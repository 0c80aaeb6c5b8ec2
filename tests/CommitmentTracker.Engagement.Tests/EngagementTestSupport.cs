using System.Globalization;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Ocds;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>The Engagement service in process, with test principals and events built from the real OGP sample rows.</summary>
internal sealed class EngagementFactory(
    IReadOnlyDictionary<string, string?>? settings = null, DateTimeOffset? now = null, Action<IServiceCollection>? configureServices = null, TestDatabase database = TestDatabase.Sqlite) : ServiceFactory<Program>(
    new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Outbox:PollingInterval"] = "00:00:00.200" },
    services =>
    {
        if (now is { } fixedNow)
        {
            services.AddSingleton<TimeProvider>(new FixedClock(fixedNow));
        }

        configureServices?.Invoke(services);
    },
    database)
{
    /// <summary>The day the registry tests run on: the sample's dates are illustrative of November 2026.</summary>
    public static readonly DateTimeOffset RegistryDay = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Settings where only liaisons' confirmed tags count (OGP's flags off), for the tests of that source.</summary>
    public static Dictionary<string, string?> TagsOnly(IReadOnlyDictionary<string, string?>? more = null) =>
        new(more ?? new Dictionary<string, string?>()) { ["Engagement:CountOgpFlags"] = "false" };

    /// <summary>An OCP liaison, as the gateway forwards one.</summary>
    public HttpClient Ocp() => As("liaison", "OCP", id: "ocp-liaison");

    /// <summary>A reader, as the gateway forwards one.</summary>
    public HttpClient Reader() => As("reader");

    /// <summary>Publishes an event on the service's bus with a chosen message id and waits until it was consumed.</summary>
    public Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        _ = Server; // starts the host
        return Services.GetRequiredService<IBus>().PublishAndWaitAsync(message, messageId, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>ActionPlans' events for a real sample row: its plan, then the commitment as imported.</summary>
    public async Task ImportRowAsync(string commitmentId, Action<Dictionary<string, string>>? edit = null)
    {
        var row = Sample.Row(commitmentId, edit);
        await PublishAsync(Sample.Plan(row));
        await PublishAsync(Sample.Added(row));
    }

    /// <summary>A liaison confirmed a tag on a commitment (Tagging's event).</summary>
    public Task<Guid> ConfirmTagAsync(string commitmentId, string memberCode, string tag = "open-contracting", Guid? messageId = null) =>
        PublishAsync(new CommitmentTagged
        {
            CommitmentId = commitmentId, MemberCode = memberCode, Tag = tag, Status = TagStatus.Confirmed, Organisation = "OCP",
            ApprovedBy = ["OCP", "OGP"], OccurredAt = DateTimeOffset.UtcNow,
        }, messageId);

    /// <summary>
    /// ActionPlans linked UK0120 (the United Kingdom's next plan, <see cref="Sample.NextUnitedKingdomPlan"/>) to UK0098:
    /// the reform was carried forward, so only the plan itself is measured.
    /// </summary>
    public Task<Guid> CarryUnitedKingdomReformAsync() =>
        PublishAsync(new CommitmentsLinked
        {
            LinkId = Guid.NewGuid(), CommitmentId = "UK0120", ActionPlanId = "AP_GBR06", PredecessorId = "UK0098", PredecessorActionPlanId = "AP_GBR05",
            MemberCode = "GBR", Origin = LinkOrigin.CarriedForward, Similarity = 0.7, OccurredAt = DateTimeOffset.UtcNow,
        });

    public async Task<T> QueryAsync<T>(Func<EngagementDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EngagementDb>());
    }

    /// <summary>The EngagementAssessed events in the outbox (sent or waiting), oldest first.</summary>
    public Task<List<EngagementAssessed>> AssessedEventsAsync() => QueryAsync(db => db.EventsAsync<EngagementAssessed>());
}

/// <summary>A clock stopped at one instant (timers still run on the system's), so freshness does not depend on the day the tests run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Events built from the real rows of tests/fixtures/ogp/commitments-sample.csv, as ActionPlans publishes them.</summary>
internal static class Sample
{
    private static readonly string[] Flags = ["Open Contracting", "Public Procurement"];

    public static Dictionary<string, string> Row(string commitmentId, Action<Dictionary<string, string>>? edit = null)
    {
        var row = new Dictionary<string, string>(OgpSampleSheet.Rows[commitmentId], StringComparer.Ordinal);
        edit?.Invoke(row);
        return row;
    }

    /// <summary>The row as if its plan ran to 2028: no new plan is due, so a member has no (c) signal from the calendar.</summary>
    public static void RunningPlan(Dictionary<string, string> row) => row["Action Plan End Year"] = "2028";

    /// <summary>The United Kingdom's next plan, from the real UK0098 row re-keyed to it (UK0120 in AP_GBR06, 2024).</summary>
    public static void NextUnitedKingdomPlan(Dictionary<string, string> row)
    {
        row["Commitment Unique Identifier"] = "UK0120";
        row["Action Plan ID"] = "AP_GBR06";
        row["Action Plan Number"] = "6";
        row["Year Of Submission"] = "2024";
        row["Commitment Title"] = "Public service data";
    }

    public static ActionPlanImported Plan(IReadOnlyDictionary<string, string> row) => new()
    {
        ActionPlanId = row["Action Plan ID"],
        MemberCode = row["Code"],
        MemberName = row["Country/Locality"],
        Number = Number(row["Action Plan Number"]),
        SubmissionYear = Number(row["Year Of Submission"]),
        EndYear = Number(row["Action Plan End Year"]),
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static CommitmentSnapshot Snapshot(IReadOnlyDictionary<string, string> row) => new()
    {
        Title = row["Commitment Title"],
        FullText = row["Full Text"],
        MemberName = row["Country/Locality"],
        Region = row["Region"],
        ActionPlanNumber = Number(row["Action Plan Number"]),
        SubmissionYear = Number(row["Year Of Submission"]),
        EndYear = Number(row["Action Plan End Year"]),
        PolicyAreas = [.. Flags.Where(flag => row[flag] == "1")],
        PotentialImpact = Cell(row["Potential Impact"]),
        PotentialForResults = Cell(row["Potential for Results"]),
        CompletionProgressReport = Cell(row["Completion (Progress Report)"]),
        CompletionEndOfTerm = Cell(row["Completion (End Of Term)"]),
        EarlyResults = Cell(row["Early Results"]),
        DidItOpenGovernment = Cell(row["Did It Open Government (Overall)"]),
    };

    public static CommitmentAdded Added(IReadOnlyDictionary<string, string> row) => new()
    {
        CommitmentId = row["Commitment Unique Identifier"],
        ActionPlanId = row["Action Plan ID"],
        MemberCode = row["Code"],
        Title = row["Commitment Title"],
        PolicyAreas = Snapshot(row).PolicyAreas,
        OccurredAt = DateTimeOffset.UtcNow,
        Current = Snapshot(row),
    };

    /// <summary>The commitment after a later import changed <paramref name="field"/>, as ActionPlans announces it.</summary>
    public static CommitmentChanged Changed(string commitmentId, string field, string after, int version = 2)
    {
        var before = Row(commitmentId);
        var row = Row(commitmentId, r => r[field] = after);
        return new CommitmentChanged
        {
            CommitmentId = commitmentId,
            ActionPlanId = row["Action Plan ID"],
            MemberCode = row["Code"],
            Title = row["Commitment Title"],
            Changes = [new FieldChange(field, Cell(before[field]), after)],
            Version = version,
            OccurredAt = DateTimeOffset.UtcNow,
            Current = Snapshot(row),
        };
    }

    /// <summary>The row as Engagement keeps it (<see cref="TrackedCommitment"/>), as the commitment consumer stores its snapshot.</summary>
    public static TrackedCommitment Commitment(string commitmentId, Action<Dictionary<string, string>>? edit = null)
    {
        var row = Row(commitmentId, edit);
        var snapshot = Snapshot(row);
        return new TrackedCommitment
        {
            Id = row["Commitment Unique Identifier"], MemberCode = row["Code"], ActionPlanId = row["Action Plan ID"], Title = snapshot.Title,
            PotentialImpact = snapshot.PotentialImpact, PotentialForResults = snapshot.PotentialForResults,
            CompletionProgressReport = snapshot.CompletionProgressReport, CompletionEndOfTerm = snapshot.CompletionEndOfTerm,
            EarlyResults = snapshot.EarlyResults, DidItOpenGovernment = snapshot.DidItOpenGovernment,
            OpenContractingFlag = row["Open Contracting"] == "1", PublicProcurementFlag = row["Public Procurement"] == "1",
        };
    }

    /// <summary>The publications of the registry sample (tests/fixtures/ocp/publications-sample.json), by id, as an import stores them.</summary>
    public static OcdsPublication Publication(int id)
    {
        var item = RegistrySample.Single(p => p.Id == id);
        return new OcdsPublication
        {
            Id = item.Id, Title = item.Title, Country = item.Country, Region = item.Region, SourceId = item.SourceId, SourceUrl = item.SourceUrl,
            LastRetrieved = item.LastRetrieved, DateFrom = item.DateFrom, DateTo = item.DateTo, Frozen = item.Frozen, Stages = string.Join('\n', item.Stages),
        };
    }

    private static readonly List<RegistryPublication> RegistrySample =
        RegistryFile.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"))).Publications;

    private static string? Cell(string value) => value.Length == 0 ? null : value;

    private static int? Number(string value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
