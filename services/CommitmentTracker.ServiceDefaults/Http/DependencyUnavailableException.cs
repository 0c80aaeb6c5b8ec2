namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// Another service this request needs did not answer (down, restarting, timed out). The request gets a 503 with
/// <c>Retry-After</c> and this exception's message as its detail, in our words: the caller did nothing wrong.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException()
        : base("A service this request needs did not answer.")
    {
    }

    public DependencyUnavailableException(string message)
        : base(message)
    {
    }

    public DependencyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
