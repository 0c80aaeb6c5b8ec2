using CommitmentTracker.Notifications.Data;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Sends the deliveries of one channel (email, webhook). A send that did not succeed throws: the delivery worker records
/// the exception, by type and message, in the delivery's log and retries it on the delivery schedule.
/// </summary>
internal interface IChannelSender
{
    /// <summary>The channel of the deliveries this sender takes (<see cref="Channels"/>).</summary>
    string Channel { get; }

    /// <summary>Sends <paramref name="delivery"/> (its <see cref="Notification.Subscription"/> loaded).</summary>
    Task SendAsync(Notification delivery, CancellationToken cancellationToken);
}

/// <summary>A delivery that cannot even be attempted (its address is gone); its message goes to the delivery log as it is.</summary>
internal sealed class UndeliverableException : Exception
{
    public UndeliverableException()
    {
    }

    public UndeliverableException(string message)
        : base(message)
    {
    }

    public UndeliverableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
