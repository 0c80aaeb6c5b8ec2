using CommitmentTracker.Notifications.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// The background loop of delivery: builds due digests (<see cref="DigestBuilder"/>), then claims due deliveries batch
/// by batch (<see cref="DeliveryBatch"/>), sends each through its channel's sender (<see cref="IChannelSender"/>) and
/// records the outcomes; then waits to be woken or for the polling interval. A failed send is retried after the
/// configured delays, then marked dead; nothing is dropped silently.
/// </summary>
internal sealed partial class DeliveryWorker(
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    DigestBuilder digests,
    IEnumerable<IChannelSender> senders,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly NotificationsOptions settings = options.Value;
    private readonly Dictionary<string, IChannelSender> sendersByChannel = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await digests.BuildDueAsync(stoppingToken);
                while (await DeliverDueAsync(stoppingToken) > 0)
                {
                    // A full batch: look again at once.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a database outage; it logs and tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogWorkerFailed(logger, exception);
            }

            await signal.WaitAsync(settings.Delivery.PollingInterval, stoppingToken);
        }
    }

    /// <summary>Claims and sends one batch of due deliveries, <c>Delivery:Concurrency</c> at a time. Returns how many it claimed.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var batch = await DeliveryBatch.ClaimAsync(scope.ServiceProvider.GetRequiredService<NotificationsDb>(), settings, time, logger, cancellationToken);
        var deliveries = batch.Deliveries;
        if (deliveries.Count == 0)
        {
            return 0;
        }

        var errors = new string?[deliveries.Count];
        await Parallel.ForAsync(0, deliveries.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Delivery.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => errors[i] = await SendAsync(deliveries[i], ct));
        await batch.RecordAsync(errors, cancellationToken);
        return deliveries.Count;
    }

    /// <summary>Sends one delivery. Returns null on success, else what went wrong, as the delivery log shows it.</summary>
    private async Task<string?> SendAsync(Notification delivery, CancellationToken cancellationToken)
    {
        if (!sendersByChannel.TryGetValue(delivery.Channel, out var sender))
        {
            return $"Channel '{delivery.Channel}' is not delivered by the worker.";
        }

        try
        {
            await sender.SendAsync(delivery, cancellationToken);
            return null;
        }
        catch (UndeliverableException exception)
        {
            return exception.Message;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"{exception.GetType().Name}: {exception.Message}".Clip(2000);
        }
    }

    [LoggerMessage(LogLevel.Error, "Delivery worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
