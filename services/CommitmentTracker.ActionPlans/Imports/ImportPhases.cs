using System.Diagnostics;
using System.Globalization;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Where an import's time went, by phase (Stopwatch ticks summed over batches), logged at Debug when the import ends:
/// the profile the benchmark prints. Parsing runs on its own thread, so its time overlaps the others'.
/// </summary>
internal sealed class ImportPhases
{
    private readonly long started = Stopwatch.GetTimestamp();
    private long parse, waitForParser, compare, stage, save, insert, threads, finalSave, commit, complete;

    public static long Now() => Stopwatch.GetTimestamp();

    public void Parse(long since) => Interlocked.Add(ref parse, Stopwatch.GetTimestamp() - since);

    public void WaitForParser(long since) => waitForParser += Stopwatch.GetTimestamp() - since;

    public void Compare(long since) => compare += Stopwatch.GetTimestamp() - since;

    /// <summary>Building the rows to write: derived columns, hashes, serialised cells, events.</summary>
    public void Stage(long since) => stage += Stopwatch.GetTimestamp() - since;

    /// <summary>EF's SaveChanges of a batch's tracked changes.</summary>
    public void Save(long since) => save += Stopwatch.GetTimestamp() - since;

    /// <summary>The prepared inserts of new commitments, versions and outbox rows.</summary>
    public void Insert(long since) => insert += Stopwatch.GetTimestamp() - since;

    /// <summary>Reform threads of the members the import touched (part of <see cref="Complete"/>).</summary>
    public void Threads(long since) => threads += Stopwatch.GetTimestamp() - since;

    /// <summary>The last SaveChanges: members, plans, errors, the job, links and their events (part of <see cref="Complete"/>).</summary>
    public void FinalSave(long since) => finalSave += Stopwatch.GetTimestamp() - since;

    /// <summary>The transaction's commit (part of <see cref="Complete"/>).</summary>
    public void Commit(long since) => commit += Stopwatch.GetTimestamp() - since;

    /// <summary>Members, plans, errors, the job, reform threads, the final save and the commit.</summary>
    public void Complete(long since) => complete += Stopwatch.GetTimestamp() - since;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"total {Ms(Stopwatch.GetTimestamp() - started)} ms; parse (own thread) {Ms(parse)} ms; waiting for the parser {Ms(waitForParser)} ms; compare {Ms(compare)} ms; stage {Ms(stage)} ms; save {Ms(save)} ms; insert {Ms(insert)} ms; complete {Ms(complete)} ms (of which reform threads {Ms(threads)} ms, final save {Ms(finalSave)} ms, commit {Ms(commit)} ms)");

    private static long Ms(long ticks) => (long)Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;
}
