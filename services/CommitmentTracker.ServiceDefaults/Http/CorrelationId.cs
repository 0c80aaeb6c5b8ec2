using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// The correlation id of the work in progress: set from the <c>X-Correlation-Id</c> header of a request or a
/// message, stored with outbox rows so the events a request causes carry it across the bus.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;
    private static readonly AsyncLocal<string?> CurrentValue = new();

    public static string? Current
    {
        get => CurrentValue.Value;
        internal set => CurrentValue.Value = value;
    }

    /// <summary>Makes <paramref name="candidate"/> (from a request or a message) the current id, or a new one when it is not acceptable.</summary>
    public static string Restore(string? candidate)
    {
        var id = Accept(candidate);
        Current = id;
        return id;
    }

    /// <summary>A caller's id is kept when it is short and printable (it lands in logs); otherwise a new one is made.</summary>
    public static string Accept(string? candidate) =>
        !string.IsNullOrEmpty(candidate) && candidate.Length <= MaxLength && candidate.All(c => c is > ' ' and < (char)127)
            ? candidate
            : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
}

/// <summary>Reads or makes the correlation id, echoes it on the response, forwards it (the gateway proxies request headers) and scopes logs with it.</summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = CorrelationId.Accept(context.Request.Headers[CorrelationId.HeaderName].ToString());
        context.Request.Headers[CorrelationId.HeaderName] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = id;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", id);
        CorrelationId.Current = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }
}
