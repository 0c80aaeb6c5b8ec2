using CommitmentTracker.ServiceDefaults;

namespace CommitmentTracker.Tagging.Recompute;

/// <summary>Wakes this instance's <see cref="RecomputeWorker"/> when a recomputation was started here.</summary>
internal sealed class RecomputeSignal : WakeSignal;
