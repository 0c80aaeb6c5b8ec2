using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CommitmentTracker.Platform.Tests;

/// <summary>
/// deploy/k8s stays on SQL Server; deploy/k8s-postgres (the component deploy/k8s/components/postgres) moves every
/// database to PostgreSQL by patching the same ConfigMaps and Secret keys the base defines.
/// </summary>
public sealed partial class KubernetesPostgresOptionTests
{
    private static readonly string K8s = Path.Combine(Repository.Root, "deploy", "k8s");
    private static readonly string[] ConnectionKeys = ["actionplans", "tagging", "engagement", "notifications", "apikeys"];
    private static readonly string[] PatchedConfigMaps = ["ct-services", "ct-gateway"];
    private static readonly string[] KubectlLocations = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"];

    [Fact]
    public void The_base_stays_on_SQL_Server_and_does_not_include_the_component()
    {
        var config = File.ReadAllText(Path.Combine(K8s, "config.yaml"));
        var kustomization = File.ReadAllText(Path.Combine(K8s, "kustomization.yaml"));

        Assert.Equal(2, ProviderLine().Matches(config).Count(m => m.Groups["provider"].Value == "SqlServer"));
        Assert.DoesNotContain("components", kustomization, StringComparison.Ordinal);
    }

    [Fact]
    public void The_component_patches_both_providers_and_every_connection_string_of_the_base()
    {
        var provider = File.ReadAllText(Path.Combine(K8s, "components", "postgres", "provider.yaml"));
        var connections = File.ReadAllText(Path.Combine(K8s, "components", "postgres", "connection-strings.yaml"));
        var baseSecrets = File.ReadAllText(Path.Combine(K8s, "secrets.yaml"));

        Assert.Equal(PatchedConfigMaps, Names().Matches(provider).Select(m => m.Groups["name"].Value));
        Assert.Equal(2, ProviderLine().Matches(provider).Count(m => m.Groups["provider"].Value == "Postgres"));
        Assert.Equal("ct-connection-strings", Names().Match(connections).Groups["name"].Value);
        foreach (var key in ConnectionKeys)
        {
            Assert.Matches($@"\n  {key}: Server=sqlserver", baseSecrets);
            Assert.Matches($@"\n  {key}: Host=postgres;Port=5432;Database=commitment_tracker_{key};", connections);
        }
    }

    [Fact]
    public async Task Kustomize_builds_the_postgres_overlay_when_kubectl_is_here()
    {
        var kubectl = KubectlLocations.FirstOrDefault(File.Exists);
        if (kubectl is null)
        {
            // kubectl is no Debian package; the two tests above check the same files without it.
            return;
        }

        var start = new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(Repository.Root, "deploy", "k8s-postgres")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, errors);
        var manifests = await output;
        Assert.Equal(2, ProviderLine().Matches(manifests).Count(m => m.Groups["provider"].Value == "Postgres"));
        Assert.DoesNotContain("Server=sqlserver", manifests, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Database__Provider: (?<provider>\w+)")]
    private static partial Regex ProviderLine();

    [GeneratedRegex(@"metadata:\s*\n\s+name: (?<name>[\w-]+)")]
    private static partial Regex Names();
}
