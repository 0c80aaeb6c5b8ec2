namespace CommitmentTracker.Platform.Tests.Fakes;

/// <summary>Answers each request with the next of the given responses (or a function of the request) and records what was sent.</summary>
internal sealed class FakeHttpHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly Lock gate = new();

    public List<(HttpMethod Method, Uri? Uri, IReadOnlyDictionary<string, string> Headers, string? Body)> Requests { get; } = [];

    public static FakeHttpHandler Sequence(params Func<HttpResponseMessage>[] responses) =>
        new((_, index) => responses[Math.Min(index, responses.Length - 1)]());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        int index;
        lock (gate)
        {
            index = Requests.Count;
            Requests.Add((request.Method, request.RequestUri, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)), body));
        }

        var response = respond(request, index);
        response.RequestMessage = request;
        return response;
    }
}
