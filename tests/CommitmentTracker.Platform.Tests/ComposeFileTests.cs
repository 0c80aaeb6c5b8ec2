using CommitmentTracker.Testing;
using System.Diagnostics;

namespace CommitmentTracker.Platform.Tests;

/// <summary>docker-compose.yml cannot run here (no Docker engine), but Debian's docker-compose can validate it.</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] ComposeLocations = ["/usr/bin/docker-compose", "/usr/local/bin/docker-compose"];

    [Fact]
    public async Task The_compose_file_is_valid()
    {
        var compose = ComposeLocations.FirstOrDefault(File.Exists);
        if (compose is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "docker-compose is missing in CI: tests/run.sh installs it.");
            Assert.Skip("docker-compose is not installed (apt-get install docker-compose); tests/run.sh installs it.");
        }

        var start = new ProcessStartInfo(compose, ["-f", "docker-compose.yml", "config", "-q"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void Only_the_gateway_publishes_a_port_on_all_interfaces()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "docker-compose.yml"));
        var published = new List<string>();
        string? service = null;
        var inPorts = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(':'))
            {
                service = line.Trim().TrimEnd(':');
                inPorts = false;
            }
            else if (line.Trim() == "ports:")
            {
                inPorts = true;
            }
            else if (inPorts && line.TrimStart().StartsWith('-'))
            {
                var mapping = line.Trim().TrimStart('-').Trim().Trim('"', '\'');
                if (!mapping.StartsWith("127.0.0.1:", StringComparison.Ordinal))
                {
                    published.Add($"{service}: {mapping}");
                }
            }
            else if (inPorts && !string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
            {
                inPorts = false;
            }
        }

        Assert.Equal("gateway", Assert.Single(published).Split(':')[0]);
    }
}
