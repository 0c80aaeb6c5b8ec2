using System.Diagnostics;
using CommitmentTracker.ServiceDefaults.Http;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Messaging;

/// <summary>Restores the correlation id carried by a consumed message, so the events a consumer causes keep it.</summary>
internal sealed class CorrelationIdConsumeFilter<T>(ILogger<CorrelationIdConsumeFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var id = CorrelationId.Restore(context.Headers.Get<string>(CorrelationId.HeaderName));
        Activity.Current?.SetTag("correlation.id", id);
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("correlation-id");
}
