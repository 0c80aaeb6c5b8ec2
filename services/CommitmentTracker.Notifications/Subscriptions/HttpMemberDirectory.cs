using System.Collections.Concurrent;
using System.Net;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Members;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.Net.Http.Headers;
using Polly.Timeout;

namespace CommitmentTracker.Notifications.Subscriptions;

/// <summary>
/// Asks ActionPlans (<c>GET /api/members/{code}</c>, at <see cref="NotificationsOptions.ActionPlansAddress"/>) whether
/// members exist, as the person whose request this is: their forwarded identity (or key) goes with the question, so
/// ActionPlans answers what it would answer them. 200 is a member, 404 (or 403) is none; anything else, or no answer within the
/// client's time limits, means the question cannot be answered now (<see cref="DependencyUnavailableException"/>: 503).
/// </summary>
internal sealed class HttpMemberDirectory(IHttpClientFactory clients, IHttpContextAccessor requests) : IMemberDirectory
{
    public const string ClientName = "actionplans-members";

    /// <summary>Questions in flight at once for one subscription.</summary>
    private const int Parallelism = 4;

    private static readonly string[] CredentialHeaders = [SecurityHeaders.ForwardedIdentity, SecurityHeaders.ApiKey, HeaderNames.Authorization];

    public async Task<IReadOnlyCollection<string>> FindKnownAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var client = clients.CreateClient(ClientName);
        var incoming = requests.HttpContext?.Request.Headers;
        var known = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (code, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/members/{Uri.EscapeDataString(code)}", UriKind.Relative));
            foreach (var header in CredentialHeaders)
            {
                if (incoming is not null && incoming.TryGetValue(header, out var value))
                {
                    request.Headers.TryAddWithoutValidation(header, (IEnumerable<string>)value);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, token);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException || (exception is OperationCanceledException && !token.IsCancellationRequested))
            {
                throw new DependencyUnavailableException("Members could not be checked: the ActionPlans service did not answer.", exception);
            }

            using (response)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        known.Add(code);
                        break;
                    case HttpStatusCode.NotFound or HttpStatusCode.Forbidden:
                        // None, or none this person may see: unknown to them either way.
                        break;
                    default:
                        throw new DependencyUnavailableException($"Members could not be checked: the ActionPlans service answered {(int)response.StatusCode}.");
                }
            }
        });
        return known;
    }
}
