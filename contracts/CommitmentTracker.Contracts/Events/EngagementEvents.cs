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
    public const string NotEnoughData = "not-enough-data";
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
}
