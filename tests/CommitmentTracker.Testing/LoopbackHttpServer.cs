using System.Net;

namespace CommitmentTracker.Testing;

/// <summary>
/// An HTTP server on a free loopback port for the peers tests play (a webhook receiver, another service's instance).
/// Each call is answered concurrently, as a real server would, by the given handler; the response is closed after it.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<HttpListenerContext, Task> answer;
    private readonly Task loop;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> answer)
    {
        this.answer = answer;
        Port = LocalDistributedSystem.FreePort();
        Url = $"http://127.0.0.1:{Port}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The server's root, ending in a slash.</summary>
    public string Url { get; }

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await answer(context);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The server stopped while answering.
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
