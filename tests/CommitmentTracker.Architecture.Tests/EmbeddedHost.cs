namespace CommitmentTracker.Architecture.Tests;

/// <summary>The embedded host (every service in one process), started once for the rules that look at the running system.</summary>
public sealed class EmbeddedHost : IDisposable
{
    private readonly ServiceFactory<Program> factory = new();

    public IServiceProvider Services
    {
        get
        {
            _ = factory.Server; // starts the host
            return factory.Services;
        }
    }

    public void Dispose() => factory.Dispose();
}
