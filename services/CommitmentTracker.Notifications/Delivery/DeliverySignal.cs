using CommitmentTracker.ServiceDefaults;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>Wakes the delivery worker when new deliveries were committed.</summary>
internal sealed class DeliverySignal : WakeSignal;
