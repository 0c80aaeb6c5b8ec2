extern alias gateway;

using System.Net;
using System.Text.Json;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>The gateway in process, its actionplans cluster pointed at a port nobody listens on.</summary>
public sealed class GatewayErrorTests
{
    [Fact]
    public async Task A_dead_destination_is_a_5xx_problem_that_names_no_address()
    {
        var deadPort = LocalDistributedSystem.FreePort();
        using var gateway = new ServiceFactory<gateway::Program>(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:actionplans:Destinations:primary:Address"] = $"http://127.0.0.1:{deadPort}/",
        });
        using var client = gateway.CreateAdminClient();

        using var response = await client.GetAsync("/api/commitments/BG0039", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(deadPort.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-Correlation-Id"));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
