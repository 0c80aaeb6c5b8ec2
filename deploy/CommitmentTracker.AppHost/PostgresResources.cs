using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.AppHost;

/// <summary>
/// PostgreSQL 15 from Debian's package as executable resources: <c>initdb</c> once (a one-shot resource that finishes),
/// then <c>postgres</c> on its own port and data folder. Both run as the postgres user through <c>setpriv</c>:
/// the server refuses to run as root, and this machine runs everything as root.
/// </summary>
internal static class PostgresResources
{
    public const string InitName = "postgres-init";
    public const string ServerName = "postgres";
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string User = "postgres";

    public static IResourceBuilder<ExecutableResource> AddPostgres(this IDistributedApplicationBuilder builder, LocalSettings settings)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/postgres not found): apt-get install -y postgresql (the system service may stay stopped).");
        }

        var directory = settings.PostgresDirectory;
        var data = Path.Combine(directory, "data");
        var sockets = Path.Combine(directory, "run");
        builder.Services.AddHealthChecks().AddCheck($"{ServerName}-port", new PortOpenHealthCheck(settings.PostgresPort));

        // The folders must belong to the postgres user, who must also be able to pass through the state folder (a temporary
        // folder is created 0700: traversal only is added, not reading); initdb is skipped when the cluster exists.
        var init = builder.AddExecutable(InitName, "bash", settings.StateDirectory, "-c", $"""
            set -eu
            mkdir -p '{data}' '{sockets}'
            chmod o+x '{settings.StateDirectory}'
            chown {User}:{User} '{directory}' '{data}' '{sockets}'
            chmod 700 '{data}'
            if [ -f '{data}/PG_VERSION' ]; then echo 'cluster exists'; exit 0; fi
            exec setpriv --reuid={User} --regid={User} --init-groups {BinDirectory}/initdb -D '{data}' -U {User} --auth=trust --encoding=UTF8 --locale=C.UTF-8
            """);

        return builder.AddExecutable(ServerName, "setpriv", directory,
                $"--reuid={User}", $"--regid={User}", "--init-groups", Path.Combine(BinDirectory, "postgres"),
                "-D", data, "-p", BrokerResources.Invariant(settings.PostgresPort), "-k", sockets,
                "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300")
            .WithHealthCheck($"{ServerName}-port")
            .WaitForCompletion(init);
    }

    /// <summary>One database per service on the shared server; EF's migrations create it at the first start.</summary>
    public static string ConnectionString(LocalSettings settings, string name) =>
        $"Host=127.0.0.1;Port={settings.PostgresPort};Username={User};Database=commitment_tracker_{name};Maximum Pool Size=40";
}
