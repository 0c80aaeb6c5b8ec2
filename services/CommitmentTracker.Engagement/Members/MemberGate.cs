using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Messaging;
using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Members;

/// <summary>
/// Whatever reassesses a member holds the member's slot from reading its facts to saving: the consumers' batches
/// (<see cref="MemberPartitions"/>) and the requests and background work that reassess (a mandate, a registry import, a
/// country name, the freshness check). Two reassessments read side by side would both write the same next history
/// version, and the later save would fail on the history's unique key: a request could answer 500 while an import's
/// events were being applied. Across instances that key remains the guard; a request that loses a race there runs
/// again on the new facts (<see cref="RunAsync{T}"/>).
/// </summary>
internal sealed class MemberGate
{
    /// <summary>How many times a request's unit of work runs before a lost race is its caller's error.</summary>
    internal const int Attempts = 3;

    /// <summary>The slots, shared with the consumers' batch settings.</summary>
    public KeyedGate Slots { get; } = new(slots: 8);

    /// <summary>Waits for the slots of <paramref name="memberCodes"/>; disposing the result releases them.</summary>
    public Task<IDisposable> EnterAsync(IEnumerable<string> memberCodes, CancellationToken cancellationToken) =>
        Slots.EnterAsync(memberCodes, cancellationToken);

    /// <summary>
    /// Runs <paramref name="unitOfWork"/> (its reads, changes, reassessments and save); when the save lost a race (another
    /// writer stored the same key first: <see cref="SaveConflicts.IsConflict"/>), forgets what the context tracks and runs
    /// it again, up to <see cref="Attempts"/> times in all. Any other failure, or the last conflict, is thrown.
    /// </summary>
    public static async Task<T> RunAsync<T>(EngagementDb db, Func<Task<T>> unitOfWork)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unitOfWork);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork();
            }
            catch (DbUpdateException conflict) when (attempt < Attempts && SaveConflicts.IsConflict(conflict))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
