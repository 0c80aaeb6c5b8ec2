using CommitmentTracker.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;

namespace CommitmentTracker.Gateway;

/// <summary>
/// Turns YARP's bare error statuses (destination refused or down, timed out, no healthy destination) into
/// ProblemDetails that say what happened without naming the destination: its address, host name and port stay
/// in the logs. Runs around the proxy endpoint, so it sees the <see cref="IForwarderErrorFeature"/> the forwarder set.
/// </summary>
internal sealed partial class ProxyErrorProblemMiddleware(RequestDelegate next, ILogger<ProxyErrorProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure || context.Response.HasStarted)
        {
            return;
        }

        LogForwardingFailed(logger, failure.Exception, failure.Error, context.Response.StatusCode);
        var (status, title) = failure.Error switch
        {
            ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "The service behind this route is unavailable."),
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "The service behind this route did not answer in time."),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled => (StatusCodes.Status400BadRequest, "The request was canceled by the caller."),
            ForwarderError.RequestBodyClient => (StatusCodes.Status400BadRequest, "The request body could not be read."),
            _ when context.Response.StatusCode is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout =>
                (context.Response.StatusCode, "The service behind this route is unavailable."),
            _ => (StatusCodes.Status502BadGateway, "The service behind this route could not be reached."),
        };
        await ProblemResponses.WriteAsync(context, status, title, "Try again shortly; the error was logged with this request's correlation id.");
    }

    [LoggerMessage(LogLevel.Warning, "Forwarding failed ({Error}); answered {Status} as ProblemDetails")]
    private static partial void LogForwardingFailed(ILogger logger, Exception? exception, ForwarderError error, int status);
}
