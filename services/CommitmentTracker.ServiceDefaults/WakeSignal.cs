using System.Threading.Channels;

namespace CommitmentTracker.ServiceDefaults;

/// <summary>
/// Wakes a polling background worker early when there is new work: many wake-ups before the worker looks fold into
/// one, and without any the worker still looks after its polling interval. Derive one type per worker, so each is its
/// own singleton.
/// </summary>
public abstract class WakeSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => channel.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The polling interval passed without a wake-up.
        }
    }
}
