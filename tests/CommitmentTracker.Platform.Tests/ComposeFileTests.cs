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
        var (exitCode, output, errors) = await ComposeAsync("-f", "docker-compose.yml", "config");

        Assert.True(exitCode == 0, errors);
        // SQL Server is the default: without the postgres profile and override nothing runs on PostgreSQL.
        Assert.DoesNotContain("Database__Provider: Postgres", output, StringComparison.Ordinal);
        // The postgres service is there, but only started with its profile.
        Assert.Contains("    profiles: [\"postgres\"]", await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker-compose.yml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_postgres_profile_points_every_service_and_the_key_store_at_PostgreSQL()
    {
        var (exitCode, output, errors) = await ComposeAsync("--profile", "postgres", "-f", "docker-compose.yml", "-f", "docker-compose.postgres.yml", "config");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("image: postgres:15", output, StringComparison.Ordinal);
        Assert.Equal(5, output.Split('\n').Count(line => line.Trim() == "Database__Provider: Postgres"));
        Assert.DoesNotContain("Database__Provider: SqlServer", output, StringComparison.Ordinal);
        foreach (var name in (string[])["ActionPlans", "Tagging", "Engagement", "Notifications", "ApiKeys"])
        {
            Assert.Contains($"ConnectionStrings__{name}: Host=postgres;Port=5432;Database=commitment_tracker_{name.ToLowerInvariant()};", output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ComposeAsync(params string[] arguments)
    {
        var compose = ComposeLocations.FirstOrDefault(File.Exists);
        if (compose is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "docker-compose is missing in CI: tests/run.sh installs it.");
            Assert.Skip("docker-compose is not installed (apt-get install docker-compose); tests/run.sh installs it.");
        }

        var start = new ProcessStartInfo(compose, arguments)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, errors);
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
