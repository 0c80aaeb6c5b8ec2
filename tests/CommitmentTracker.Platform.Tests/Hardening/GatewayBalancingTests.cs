extern alias gateway;

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>
/// The gateway in process, the actionplans cluster spread over two instances (loopback HTTP listeners, or a port
/// nobody listens on for an instance that has just died): balancing, retry of idempotent requests on the other
/// instance, and the active health check on /alive.
/// </summary>
public sealed class GatewayBalancingTests
{
    private const string Path = "/api/commitments/BG0039";

    [Fact]
    public async Task A_get_that_hits_a_dead_instance_is_answered_by_the_other()
    {
        using var live = new ServiceInstance("live");
        using var gateway = Gateway(destinations: [$"http://127.0.0.1:{LocalDistributedSystem.FreePort()}/", live.Address], healthCheckInterval: "00:01:00");
        using var client = gateway.CreateAdminClient();

        // Round robin: half of these go to the dead instance first.
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(Path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("live", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(6, live.Requests(Path));
    }

    [Fact]
    public async Task A_post_that_hits_a_dead_instance_is_not_sent_again()
    {
        using var live = new ServiceInstance("live");
        using var gateway = Gateway(destinations: [$"http://127.0.0.1:{LocalDistributedSystem.FreePort()}/", live.Address], healthCheckInterval: "00:01:00");
        using var client = gateway.CreateAdminClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var content = new StringContent("""{"note":"x"}""", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(Path, content, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        // Round robin over two instances: three went to the dead one and failed there, three were served.
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.BadGateway));
        Assert.Equal(3, live.Requests(Path));
    }

    [Fact]
    public async Task When_every_instance_is_dead_the_get_is_a_problem_after_trying_each_once()
    {
        using var gateway = Gateway(
            destinations: [$"http://127.0.0.1:{LocalDistributedSystem.FreePort()}/", $"http://127.0.0.1:{LocalDistributedSystem.FreePort()}/"],
            healthCheckInterval: "00:01:00");
        using var client = gateway.CreateAdminClient();

        using var response = await client.GetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_instance_whose_alive_fails_is_taken_out_by_the_active_check_and_back_when_it_recovers()
    {
        using var healthy = new ServiceInstance("healthy");
        using var sick = new ServiceInstance("sick") { Alive = false };
        using var gateway = Gateway(destinations: [sick.Address, healthy.Address], healthCheckInterval: "00:00:00.200");
        using var client = gateway.CreateAdminClient();
        _ = gateway.Server; // starts the host and its health probes

        // ConsecutiveFailures (2 by default): the sick instance is out after a couple of probes.
        await Eventually.UntilAsync(() => Task.FromResult(sick.Requests("/alive") >= 3), TimeSpan.FromSeconds(20), "the active health check to probe /alive");
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync(Path, TestContext.Current.CancellationToken);
            Assert.Equal("healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, sick.Requests(Path));

        // Healthy again: the next probes put it back in the rotation.
        sick.Alive = true;
        await Eventually.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(Path, TestContext.Current.CancellationToken);
                return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) == "sick";
            },
            TimeSpan.FromSeconds(20),
            "the recovered instance to serve again");
    }

    private static ServiceFactory<gateway::Program> Gateway(string[] destinations, string healthCheckInterval)
    {
        const string cluster = "ReverseProxy:Clusters:actionplans";
        var settings = new Dictionary<string, string?>
        {
            [$"{cluster}:LoadBalancingPolicy"] = "RoundRobin",
            [$"{cluster}:HealthCheck:Active:Interval"] = healthCheckInterval,
            [$"{cluster}:HealthCheck:Active:Timeout"] = "00:00:01",
        };
        for (var i = 0; i < destinations.Length; i++)
        {
            settings[$"{cluster}:Destinations:{(i == 0 ? "primary" : $"instance{i + 1}")}:Address"] = destinations[i];
        }

        return new ServiceFactory<gateway::Program>(settings);
    }

    /// <summary>An instance of a service on loopback: answers its name on every path, and /alive with 200 or 503.</summary>
    private sealed class ServiceInstance : IDisposable
    {
        private readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);
        private readonly string name;
        private readonly LoopbackHttpServer server;

        public ServiceInstance(string name)
        {
            this.name = name;
            server = new LoopbackHttpServer(AnswerAsync);
        }

        public string Address => server.Url;

        public bool Alive { get; set; } = true;

        public int Requests(string path) => requests.GetValueOrDefault(path);

        public void Dispose() => server.Dispose();

        private async Task AnswerAsync(HttpListenerContext context)
        {
            var path = context.Request.Url!.AbsolutePath;
            requests.AddOrUpdate(path, 1, (_, count) => count + 1);
            var alive = path != "/alive" || Alive;
            context.Response.StatusCode = alive ? 200 : 503;
            var body = Encoding.UTF8.GetBytes(path == "/alive" ? (alive ? "Healthy" : "Unhealthy") : name);
            await context.Response.OutputStream.WriteAsync(body);
        }
    }
}
