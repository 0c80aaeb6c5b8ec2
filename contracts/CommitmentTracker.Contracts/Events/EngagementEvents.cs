namespace CommitmentTracker.Contracts.Events;

/// <summary>Engagement categories agreed between OGP and OCP.</summary>
public static class EngagementCategory
{
    /// <summary>(a) implemented open contracting commitments, ready to be more ambitious.</summary>
    public const string ReadyForMore = "a";
    /// <summary>(b) open contracting commitments that faced problems in implementation.</summary>
    public const string FacedProblems = "b";
    /// <summary>(c) might include open contracting in its next plan.</summary>
    public const string MightInclude = "c";
    /// <summary>Open contracting commitments exist, but the IRM has assessed none of their completions yet.</summary>
    public const string NotEnoughData = "not-enough-data";
    /// <summary>No open contracting commitment and no reason yet to expect one (no procurement commitment, OCDS publication, mandate or new plan due).</summary>
    public const string NoSignalYet = "no-signal-yet";
}

/// <summary>One component of an engagement score.</summary>
public sealed record EngagementComponent(string Name, double Score, string Explanation);

/// <summary>A member's engagement assessment moved (its category or a component), or a dip was detected.</summary>
public sealed record EngagementAssessed
{
    public required string MemberCode { get; init; }
    public string? PreviousCategory { get; init; }
    public required string Category { get; init; }
    public double Score { get; init; }
    public IReadOnlyList<EngagementComponent> Components { get; init; } = [];
    public required string Explanation { get; init; }
    /// <summary>True when momentum is being lost (completion falling, plan without OC, stale or frozen publication).</summary>
    public bool IsDip { get; init; }
    public IReadOnlyList<string> DipReasons { get; init; } = [];
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Stable codes of <see cref="DipReasons"/>, in the same order (<see cref="EngagementDipKind"/>), for filtering without reading sentences.</summary>
    public IReadOnlyList<string> DipKinds { get; init; } = [];
    /// <summary>The member's name as Engagement knows it from action plan events.</summary>
    public string? MemberName { get; init; }
    /// <summary>OGP's region of the member (e.g. <c>Europe</c>), when a commitment event carried it.</summary>
    public string? Region { get; init; }
    /// <summary>The assessment's version: 1 for the first, one more for each change stored in its history.</summary>
    public int Version { get; init; }
}

/// <summary>Kinds of dip carried by <see cref="EngagementAssessed.DipKinds"/>.</summary>
public static class EngagementDipKind
{
    /// <summary>The IRM completion of the member's open contracting commitments fell.</summary>
    public const string CompletionFalling = "completion-falling";
    /// <summary>The latest action plan has no open contracting commitment, an earlier one had.</summary>
    public const string PlanWithoutOpenContracting = "plan-without-open-contracting";
    /// <summary>The member's OCDS publication stopped being fresh.</summary>
    public const string PublicationStale = "publication-stale";
    /// <summary>The member's OCDS publication is frozen in the OCP Data Registry.</summary>
    public const string PublicationFrozen = "publication-frozen";
    /// <summary>An open contracting reform of the previous plan, not complete, has no linked successor in the latest plan.</summary>
    public const string ReformNotCarriedForward = "reform-not-carried-forward";
}
