using System.Net;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Web.Session;

namespace CommitmentTracker.Web.Api;

/// <summary>
/// Sends every API call as the signed-in person (their key or access token) with the page request's correlation id. A 401
/// to a session's credential means the key was revoked or expired: the session ends (<see cref="SessionEndedException"/>).
/// </summary>
internal sealed class SessionCredentialHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext
            ?? throw new InvalidOperationException("The API is called as the signed-in person, so only while a page request is served.");
        var credential = WebSession.Credential(context) ?? throw new SessionEndedException("This request has no session to call the API with.");
        credential.Apply(request);
        if (context.Request.Headers[CorrelationId.HeaderName].ToString() is { Length: > 0 } correlationId)
        {
            request.Headers.Remove(CorrelationId.HeaderName);
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, correlationId);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && !WebSession.IsTryingCredential(context))
        {
            response.Dispose();
            throw new SessionEndedException();
        }

        return response;
    }
}
