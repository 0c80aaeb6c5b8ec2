using System.Globalization;
using CommitmentTracker.Engagement.Data;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>
/// The members a batch of events touched, reassessed once each when the batch's changes are all applied (not once per
/// event): the history records one step per member per batch, triggered by its first event "and n more", with every
/// dip the batch's events saw.
/// </summary>
internal sealed class MemberReassessments
{
    private readonly Dictionary<string, (List<string> Triggers, List<DipSignal> Falls)> members = new(StringComparer.Ordinal);

    public void Add(string memberCode, string trigger, IEnumerable<DipSignal>? falls = null)
    {
        if (!members.TryGetValue(memberCode, out var pending))
        {
            pending = ([], []);
            members.Add(memberCode, pending);
        }

        pending.Triggers.Add(trigger);
        pending.Falls.AddRange(falls ?? []);
    }

    /// <summary>Reassesses each member once, in the order the batch first touched them, with their facts loaded together.</summary>
    public async Task RunAsync(EngagementDb db, EngagementAssessor assessor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        if (members.Count > 1)
        {
            await EngagementAssessor.LoadFactsAsync(db, members.Keys, cancellationToken);
        }

        foreach (var (member, (triggers, falls)) in members)
        {
            await assessor.ReassessAsync(db, member, Trigger(triggers), falls, cancellationToken, factsLoaded: members.Count > 1);
        }

        members.Clear();
    }

    private static string Trigger(List<string> triggers) => triggers.Count == 1
        ? triggers[0]
        : string.Create(CultureInfo.InvariantCulture, $"{triggers[0]} and {triggers.Count - 1} more");

    /// <summary>
    /// Applies each message of a batch in order (<paramref name="apply"/> notes the members to reassess), then reassesses
    /// each noted member once; all without automatic change detection (<see cref="WithoutChangeDetectionAsync"/>).
    /// </summary>
    public static Task ApplyBatchAsync<T>(
        EngagementDb db, EngagementAssessor assessor, IReadOnlyList<MassTransit.ConsumeContext<T>> messages,
        Func<T, MemberReassessments, Task> apply, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(apply);
        return WithoutChangeDetectionAsync(db, async () =>
        {
            var members = new MemberReassessments();
            foreach (var message in messages)
            {
                await apply(message.Message, members);
            }

            await members.RunAsync(db, assessor, cancellationToken);
        });
    }

    /// <summary>
    /// Runs <paramref name="apply"/> over a batch without EF's automatic change detection (reads of the context's Local
    /// views would scan every row the batch tracks, once per event); the caller's save detects the changes as usual.
    /// </summary>
    public static async Task WithoutChangeDetectionAsync(EngagementDb db, Func<Task> apply)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await apply();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
