using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace CommitmentTracker.Gateway;

/// <summary>
/// YARP has no retry of its own. This step of the proxy pipeline, placed before load balancing, sends an idempotent
/// request again, to another instance of the same service, when the instance it went to could not be reached or dropped
/// the connection before answering (<see cref="ForwarderError.Request"/>: refused, reset): the instance has just died
/// and the active health check (on <c>/alive</c>) has not taken it out yet. Only requests without a body are sent again
/// (GET, HEAD, OPTIONS, and DELETE without a body), so nothing has to be buffered; a POST, a PATCH or a PUT is never
/// repeated (it may have been executed), and neither is a request that timed out or whose answer had started.
/// </summary>
internal static class RetryOnAnotherInstance
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.GetReverseProxyFeature();
        if (!MayRepeat(context.Request))
        {
            await next();
            return;
        }

        // Load balancing narrows AvailableDestinations to the one it picked: keep the full list to pick again from.
        var candidates = proxy.AvailableDestinations;
        var tried = new HashSet<DestinationState>();
        while (true)
        {
            await next();
            if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request }
                || context.Response.HasStarted
                || proxy.ProxiedDestination is not { } failed)
            {
                return;
            }

            tried.Add(failed);
            var remaining = candidates.Where(d => !tried.Contains(d)).ToList();
            if (remaining.Count == 0)
            {
                return;
            }

            // Forget the failed attempt: the next one starts from a clean response.
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status200OK;
            proxy.AvailableDestinations = remaining;
        }
    }

    private static bool MayRepeat(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsDelete(request.Method))
        && request.ContentLength is null or 0
        && !request.Headers.TransferEncoding.Any(value => value?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true);
}
