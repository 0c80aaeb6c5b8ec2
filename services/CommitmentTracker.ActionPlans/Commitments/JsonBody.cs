using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace CommitmentTracker.ActionPlans.Commitments;

/// <summary>
/// A 200 whose JSON body was serialized before (and may be sent again): written as <c>TypedResults.Ok(value)</c>
/// writes its value, with the length known, and described in the OpenAPI document as <c>Ok&lt;T&gt;</c> is.
/// </summary>
internal sealed class JsonBody<T>(byte[] utf8Json) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private static readonly string[] JsonContentTypes = ["application/json"];

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = utf8Json.Length;
        await response.BodyWriter.WriteAsync(utf8Json, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), JsonContentTypes));
    }
}
