using System.Net.Http.Headers;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Web.Session;

/// <summary>What the API is called with: the person's API key, or the access token their OpenID provider issued.</summary>
internal sealed record ApiCredential(ApiCredentialKind Kind, string Value)
{
    public static ApiCredential ApiKey(string key) => new(ApiCredentialKind.ApiKey, key);

    public static ApiCredential Bearer(string accessToken) => new(ApiCredentialKind.Bearer, accessToken);

    public void Apply(HttpRequestMessage request)
    {
        request.Headers.Remove(SecurityHeaders.ApiKey);
        request.Headers.Authorization = null;
        if (Kind == ApiCredentialKind.ApiKey)
        {
            request.Headers.TryAddWithoutValidation(SecurityHeaders.ApiKey, Value);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Value);
        }
    }

    // Never in logs or exception messages.
    public override string ToString() => $"{Kind} credential";
}

internal enum ApiCredentialKind
{
    ApiKey,
    Bearer,
}

/// <summary>The API answered 401 to the session's credential: the key was revoked or expired, or the token ran out.</summary>
internal sealed class SessionEndedException : Exception
{
    public SessionEndedException()
        : base("The API no longer accepts this session's credential.")
    {
    }

    public SessionEndedException(string message)
        : base(message)
    {
    }

    public SessionEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
