namespace CommitmentTracker.ServiceDefaults;

/// <summary>Names of the activity sources every process exports, so the telemetry setup need not reference what emits them.</summary>
public static class TelemetrySources
{
    /// <summary>The outbox relay's publish activities (CommitmentTracker.Messaging).</summary>
    public const string Outbox = "CommitmentTracker.Outbox";
}
