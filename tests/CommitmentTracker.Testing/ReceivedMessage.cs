using System.Reflection;
using CommitmentTracker.ServiceDefaults.Http;
using MassTransit;

namespace CommitmentTracker.Testing;

/// <summary>
/// A received message as the inbox and a batch consumer see it, without a bus: its body, a fresh message id and a
/// correlation header. Any other member of the context is not expected and throws.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "DispatchProxy derives from it at run time.")]
public class ReceivedMessage : DispatchProxy
{
    private object? message;
    private Guid messageId;
    private Headers? headers;

    /// <summary><paramref name="message"/> under a new message id, carrying <paramref name="correlationId"/> in its correlation header.</summary>
    public static ConsumeContext<T> Of<T>(T message, string correlationId)
        where T : class
    {
        var context = Create<ConsumeContext<T>, ReceivedMessage>();
        var received = (ReceivedMessage)(object)context;
        received.message = message;
        received.messageId = Guid.NewGuid();
        var headers = Create<Headers, CorrelationHeader>();
        ((CorrelationHeader)(object)headers).Value = correlationId;
        received.headers = headers;
        return context;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_Message" => message,
        "get_MessageId" => (Guid?)messageId,
        "get_Headers" => headers,
        "get_CancellationToken" => CancellationToken.None,
        _ => throw new NotSupportedException($"A received message made by {nameof(ReceivedMessage)} does not offer {targetMethod?.Name}."),
    };

    /// <summary>Headers holding one correlation id; any other header is absent (the caller's default).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "DispatchProxy derives from it at run time.")]
    public class CorrelationHeader : DispatchProxy
    {
        internal string? Value { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == "Get" && args is [string key, ..] && key == CorrelationId.HeaderName ? Value : args is [_, var fallback] ? fallback : null;
    }
}
