using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Hardening;

/// <summary>
/// Answers what Kestrel would refuse with an empty body, in ProblemDetails: a URL longer than <c>Limits:MaxUrlChars</c>
/// (414) and headers larger than <c>Limits:MaxHeaderBytes</c> (431). Kestrel's own limits sit at twice these, so only
/// a request far beyond them meets Kestrel's bare answer. A HEAD request is served as the GET it asks about, without
/// the body: every GET endpoint answers HEAD.
/// </summary>
internal sealed class RequestShapeMiddleware(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    private readonly RequestLimitOptions limits = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var urlLength = request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (urlLength > limits.MaxUrlChars)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status414UriTooLong, "The URL is too long.",
                $"A URL (path and query) may hold at most {limits.MaxUrlChars} characters; this one holds {urlLength}.");
            return;
        }

        var headerBytes = HeaderBytes(request.Headers);
        if (headerBytes > limits.MaxHeaderBytes)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"Request headers may hold at most {limits.MaxHeaderBytes} bytes in all; these hold {headerBytes}.");
            return;
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }

        // Routed as GET; whatever the endpoint writes is counted, not sent.
        request.Method = HttpMethods.Get;
        var body = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            request.Method = HttpMethods.Head;
        }
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total;
    }
}
