using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ServiceDefaults.Members;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Members;

/// <summary>
/// ActionPlans' own answer to <see cref="IMemberDirectory"/>, in process: the codes in its members table. In the embedded
/// host this is what Notifications asks; a member is there once the import that added it has committed.
/// </summary>
internal sealed class MemberDirectory(ActionPlansDb db) : IMemberDirectory
{
    public async Task<IReadOnlyCollection<string>> FindKnownAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return codes.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => codes.Contains(m.Code)).Select(m => m.Code).ToListAsync(cancellationToken);
    }
}
