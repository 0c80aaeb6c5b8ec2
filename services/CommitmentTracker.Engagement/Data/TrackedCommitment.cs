namespace CommitmentTracker.Engagement.Data;

/// <summary>
/// A commitment as Engagement needs it, from ActionPlans' events: its plan and the IRM values as raw text (NA, ND and
/// NR are kept as written; they are states, never zeros). Removed commitments stay, marked, and are not assessed.
/// </summary>
internal sealed class TrackedCommitment
{
    public required string Id { get; set; }
    public required string MemberCode { get; set; }
    public required string ActionPlanId { get; set; }
    public required string Title { get; set; }
    public string? PotentialImpact { get; set; }
    public string? PotentialForResults { get; set; }
    public string? CompletionProgressReport { get; set; }
    public string? CompletionEndOfTerm { get; set; }
    public string? EarlyResults { get; set; }
    public string? DidItOpenGovernment { get; set; }
    /// <summary>OGP's own <c>Open Contracting</c> policy-area flag (the IRM's tagging), as the latest event carried it.</summary>
    public bool OpenContractingFlag { get; set; }
    /// <summary>OGP's own <c>Public Procurement</c> policy-area flag.</summary>
    public bool PublicProcurementFlag { get; set; }
    public bool Removed { get; set; }
    public DateTime UpdatedAt { get; set; }
}
