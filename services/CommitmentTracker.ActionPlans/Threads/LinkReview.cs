using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Threads;

/// <summary>What a liaison's decision on a link came to.</summary>
internal abstract record LinkOutcome
{
    public sealed record Done(CommitmentLink Link) : LinkOutcome;
    public sealed record NotFound(string What) : LinkOutcome;
    public sealed record Invalid(string Field, string Message) : LinkOutcome;
    public sealed record Conflict(string Message) : LinkOutcome;
}

/// <summary>
/// Liaisons (and admins) confirm, reject or make links by hand. Each decision is audited with who, organisation and
/// reason, and a link that becomes or stops being <c>linked</c> publishes <see cref="CommitmentsLinked"/> or
/// <see cref="CommitmentsUnlinked"/>, all in one save. Links never cross members, and a predecessor is always in an
/// earlier plan of the member.
/// </summary>
internal sealed class LinkReview(ActionPlansDb db, TimeProvider time)
{
    public async Task<LinkOutcome> ConfirmAsync(Guid id, Caller caller, string? reason, CancellationToken cancellationToken)
    {
        var link = await db.CommitmentLinks.FindAsync([id], cancellationToken);
        if (link is null)
        {
            return new LinkOutcome.NotFound($"link '{id}'");
        }

        if (link.Status != LinkStatus.Suggested)
        {
            return new LinkOutcome.Conflict($"The link is {link.Status}: only a suggested link can be confirmed.");
        }

        return await DecideAsync(link, LinkStatus.Linked, "confirmed", caller, reason, cancellationToken);
    }

    public async Task<LinkOutcome> RejectAsync(Guid id, Caller caller, string reason, CancellationToken cancellationToken)
    {
        var link = await db.CommitmentLinks.FindAsync([id], cancellationToken);
        if (link is null)
        {
            return new LinkOutcome.NotFound($"link '{id}'");
        }

        return link.Status == LinkStatus.Rejected
            ? new LinkOutcome.Conflict("The link was rejected already.")
            : await DecideAsync(link, LinkStatus.Rejected, link.Status == LinkStatus.Linked ? "removed" : "rejected", caller, reason, cancellationToken);
    }

    public async Task<LinkOutcome> CreateAsync(string commitmentId, string predecessorId, Caller caller, string? reason, CancellationToken cancellationToken)
    {
        var ids = new[] { commitmentId, predecessorId };
        var found = await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.Id) && !c.Removed)
            .Select(c => new { c.Id, c.MemberCode, c.ActionPlanId }).ToListAsync(cancellationToken);
        var (successor, predecessor) = (found.FirstOrDefault(c => c.Id == commitmentId), found.FirstOrDefault(c => c.Id == predecessorId));
        if (successor is null || predecessor is null)
        {
            return new LinkOutcome.NotFound($"commitment '{(successor is null ? commitmentId : predecessorId)}'");
        }

        if (successor.MemberCode != predecessor.MemberCode)
        {
            return new LinkOutcome.Invalid("predecessorId", $"{predecessorId} is a commitment of {predecessor.MemberCode}, {commitmentId} of {successor.MemberCode}: links never cross members.");
        }

        var planIds = new[] { successor.ActionPlanId, predecessor.ActionPlanId };
        var plans = await db.ActionPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        if (!IsEarlier(plans.GetValueOrDefault(predecessor.ActionPlanId), plans.GetValueOrDefault(successor.ActionPlanId)))
        {
            return new LinkOutcome.Invalid("predecessorId", $"{predecessorId} ({predecessor.ActionPlanId}) is not in an earlier plan than {commitmentId} ({successor.ActionPlanId}).");
        }

        if (await db.CommitmentLinks.AnyAsync(l => l.CommitmentId == commitmentId && l.Status == LinkStatus.Linked, cancellationToken))
        {
            return new LinkOutcome.Conflict($"{commitmentId} is linked to a predecessor already: remove that link first.");
        }

        var link = await db.CommitmentLinks.FirstOrDefaultAsync(l => l.CommitmentId == commitmentId && l.PredecessorId == predecessorId, cancellationToken);
        if (link is null)
        {
            link = new CommitmentLink
            {
                Id = Guid.NewGuid(), MemberCode = successor.MemberCode, CommitmentId = commitmentId, PredecessorId = predecessorId,
                Status = LinkStatus.Suggested, Origin = LinkOrigin.Hand, CreatedAt = time.GetUtcNow().UtcDateTime, Version = 0,
            };
            db.CommitmentLinks.Add(link);
        }

        link.Origin = LinkOrigin.Hand;
        return await DecideAsync(link, LinkStatus.Linked, "created", caller, reason, cancellationToken, successor.ActionPlanId, predecessor.ActionPlanId);
    }

    /// <summary>Whether plan <paramref name="earlier"/> comes before <paramref name="later"/> (submission year, then number, then id).</summary>
    private static bool IsEarlier(ActionPlan? earlier, ActionPlan? later) =>
        earlier is not null && later is not null && earlier.Id != later.Id
        && (earlier.SubmissionYear ?? int.MaxValue, earlier.Number ?? int.MaxValue, earlier.Id).CompareTo((later.SubmissionYear ?? int.MaxValue, later.Number ?? int.MaxValue, later.Id)) < 0;

    private async Task<LinkOutcome> DecideAsync(
        CommitmentLink link, string status, string action, Caller caller, string? reason, CancellationToken cancellationToken, string? planId = null, string? predecessorPlanId = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var wasLinked = link.Status == LinkStatus.Linked && db.Entry(link).State != EntityState.Added;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        link.Status = status;
        link.DecidedBy = caller.Id.Clip(200);
        link.DecidedOrganisation = (caller.Organisation ?? (caller.IsAdmin ? "admin" : null)).Clip(20);
        link.Reason = reason;
        link.DecidedAt = now;
        link.Version++;
        db.CommitmentLinkAudits.Add(new CommitmentLinkAudit { LinkId = link.Id, Action = action, Actor = link.DecidedBy, Organisation = link.DecidedOrganisation, Reason = reason, At = now });
        if (status == LinkStatus.Linked)
        {
            planId ??= await PlanOfAsync(link.CommitmentId, cancellationToken);
            predecessorPlanId ??= await PlanOfAsync(link.PredecessorId, cancellationToken);
            db.PublishOnCommit(ThreadLinking.Linked(link, planId, predecessorPlanId, link.DecidedBy, link.DecidedOrganisation, reason, now));
        }
        else if (wasLinked)
        {
            db.PublishOnCommit(new CommitmentsUnlinked
            {
                LinkId = link.Id, CommitmentId = link.CommitmentId, PredecessorId = link.PredecessorId, MemberCode = link.MemberCode,
                Actor = link.DecidedBy, Organisation = link.DecidedOrganisation, Reason = reason, OccurredAt = new DateTimeOffset(now, TimeSpan.Zero),
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new LinkOutcome.Done(link);
        }
        catch (DbUpdateException)
        {
            // Another liaison decided on the same link (or made the same pair) at the same time: theirs stands.
            return new LinkOutcome.Conflict("Another liaison changed this link at the same time; read it again.");
        }
    }

    private Task<string> PlanOfAsync(string commitmentId, CancellationToken cancellationToken) =>
        db.Commitments.Where(c => c.Id == commitmentId).Select(c => c.ActionPlanId).FirstAsync(cancellationToken);
}
