using System.Globalization;
using System.Security.Cryptography;

namespace CommitmentTracker.AppHost;

/// <summary>
/// The settings of one local run, from the same <c>CT_*</c> environment variables deploy/local/distributed.sh has always
/// read. Every port is derived from <c>CT_GATEWAY_PORT</c> (a block of <see cref="PortBlock"/> ports starting there)
/// unless set on its own, so two runs with different gateway ports at least that far apart never collide.
/// </summary>
internal sealed record LocalSettings
{
    /// <summary>How many ports one run takes, from the gateway's port up.</summary>
    public const int PortBlock = 70;

    /// <summary>The most instances of one service: their ports are laid out in steps of ten per service.</summary>
    public const int MaxReplicas = 9;

    public required string RepositoryRoot { get; init; }

    public required string StateDirectory { get; init; }

    public required string Configuration { get; init; }

    public required int GatewayPort { get; init; }

    public required int WebPort { get; init; }

    public required IReadOnlyDictionary<string, int> FirstInstancePorts { get; init; }

    public required int RabbitMqPort { get; init; }

    public required int RabbitMqEpmdPort { get; init; }

    public required int RabbitMqDistributionPort { get; init; }

    public required int RabbitMqCliPort { get; init; }

    public required string RabbitMqUserName { get; init; }

    public required string RabbitMqPassword { get; init; }

    public required string RabbitMqNodeName { get; init; }

    public required int PostgresPort { get; init; }

    public required int DashboardPort { get; init; }

    public required int DashboardOtlpPort { get; init; }

    public required int ResourceServicePort { get; init; }

    public required int ControlPort { get; init; }

    public required string AdminKey { get; init; }

    public required string InternalSigningKey { get; init; }

    public required string DatabaseProvider { get; init; }

    public required string SqlServerConnectionString { get; init; }

    public required int Replicas { get; init; }

    /// <summary>Only the broker (epmd and RabbitMQ): what <c>distributed.sh broker-start</c> runs when nothing else does.</summary>
    public required bool BrokerOnly { get; init; }

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public string DataDirectory => Path.Combine(StateDirectory, "data");

    public string RabbitMqDirectory => Path.Combine(StateDirectory, "rabbitmq");

    public string PostgresDirectory => Path.Combine(StateDirectory, "postgres");

    /// <summary>Where the broker writes its Erlang VM's pid: <c>distributed.sh broker-kill</c> kills that one.</summary>
    public string RabbitMqVmPidFile => Path.Combine(StateDirectory, "pids", "broker-vm.pid");

    /// <summary>The port of instance <paramref name="instance"/> (1-based) of the service at <paramref name="serviceIndex"/>.</summary>
    public int InstancePort(string service, int serviceIndex, int instance) =>
        instance == 1 ? FirstInstancePorts[service] : GatewayPort + 30 + (serviceIndex * 10) + instance;

    public static LocalSettings FromEnvironment(string repositoryRoot)
    {
        var failures = new List<string>();
        var gateway = Port("CT_GATEWAY_PORT", 8080);
        if (gateway + PortBlock > 65535)
        {
            failures.Add($"CT_GATEWAY_PORT={gateway}: a run takes the {PortBlock} ports from there up, past 65535; choose a lower one.");
        }

        var services = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (service, index) in ServiceCatalog.Services.Select((s, i) => (s.Name, i)))
        {
            services[service] = Port($"CT_{service.ToUpperInvariant()}_PORT", gateway + 1 + index);
        }

        var amqp = Port("CT_RABBITMQ_PORT", gateway + 6);
        var provider = Text("CT_DB_PROVIDER", "Sqlite");
        var sqlServer = Text("CT_SQLSERVER", string.Empty);
        if (provider is not ("Sqlite" or "Postgres" or "SqlServer"))
        {
            failures.Add($"CT_DB_PROVIDER must be Sqlite, Postgres or SqlServer (got '{provider}').");
        }
        else if (provider == "SqlServer" && sqlServer.Length == 0)
        {
            failures.Add("CT_DB_PROVIDER=SqlServer needs CT_SQLSERVER (a connection string without Database=).");
        }

        var replicasText = Text("CT_REPLICAS", "1");
        if (!int.TryParse(replicasText, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) || replicas is < 1 or > MaxReplicas)
        {
            failures.Add($"CT_REPLICAS must be a whole number from 1 to {MaxReplicas} (got '{replicasText}').");
        }

        var adminKey = Text("CT_ADMIN_KEY", "local-admin-key-change-me");
        if (adminKey.Length < 16)
        {
            failures.Add("CT_ADMIN_KEY must be at least 16 characters.");
        }

        // A new random key per run unless set: the gateway signs forwarded identities with it, services check them with it.
        var signingKey = Text("CT_INTERNAL_SIGNING_KEY", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        if (signingKey.Length < 32)
        {
            failures.Add("CT_INTERNAL_SIGNING_KEY must be at least 32 characters.");
        }

        var settings = new LocalSettings
        {
            RepositoryRoot = repositoryRoot,
            StateDirectory = Path.GetFullPath(Text("CT_STATE_DIR", Path.Combine(repositoryRoot, ".run"))),
            Configuration = Text("CT_CONFIGURATION", "Release"),
            GatewayPort = gateway,
            WebPort = Port("CT_WEB_PORT", gateway + 5),
            FirstInstancePorts = services,
            RabbitMqPort = amqp,
            PostgresPort = Port("CT_POSTGRES_PORT", gateway + 7),
            RabbitMqEpmdPort = Port("CT_RABBITMQ_EPMD_PORT", gateway + 8),
            RabbitMqDistributionPort = Port("CT_RABBITMQ_DIST_PORT", gateway + 9),
            DashboardPort = Port("CT_DASHBOARD_PORT", gateway + 10),
            DashboardOtlpPort = Port("CT_DASHBOARD_OTLP_PORT", gateway + 11),
            ResourceServicePort = Port("CT_RESOURCE_SERVICE_PORT", gateway + 12),
            ControlPort = Port("CT_CONTROL_PORT", gateway + 13),
            RabbitMqCliPort = Port("CT_RABBITMQ_CTL_PORT", gateway + 14),
            RabbitMqUserName = Text("CT_RABBITMQ_USERNAME", "guest"),
            RabbitMqPassword = Text("CT_RABBITMQ_PASSWORD", "guest"),
            RabbitMqNodeName = Text("CT_RABBITMQ_NODENAME", $"ct-{amqp}@localhost"),
            AdminKey = adminKey,
            InternalSigningKey = signingKey,
            DatabaseProvider = provider,
            SqlServerConnectionString = sqlServer.TrimEnd(';'),
            Replicas = replicas,
            BrokerOnly = Text("CT_BROKER_ONLY", "0") == "1",
        };

        return failures.Count == 0
            ? settings
            : throw new InvalidOperationException("Invalid settings:" + Environment.NewLine + string.Join(Environment.NewLine, failures));

        int Port(string name, int fallback)
        {
            var text = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(text))
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            {
                return port;
            }

            failures.Add($"{name}={text} is not a TCP port.");
            return fallback;
        }
    }

    private static string Text(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
