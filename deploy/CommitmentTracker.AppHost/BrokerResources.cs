using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.AppHost;

/// <summary>
/// RabbitMQ from Debian's package as executable resources (no container engine here): a private <c>epmd</c> of our own,
/// in the foreground so it is ours to stop (Erlang would otherwise leave a detached <c>epmd -daemon</c> behind), then
/// the node, with its own ports, data folder, configuration and cookie, never the system service's.
/// </summary>
internal static class BrokerResources
{
    public const string EpmdName = "epmd";
    public const string BrokerName = "rabbitmq";
    private const string RabbitMqBinDirectory = "/usr/lib/rabbitmq/bin";

    public static IResourceBuilder<ExecutableResource> AddBroker(this IDistributedApplicationBuilder builder, LocalSettings settings)
    {
        var server = Path.Combine(RabbitMqBinDirectory, "rabbitmq-server");
        if (!File.Exists(server))
        {
            throw new InvalidOperationException($"RabbitMQ is not installed ({server} not found): apt-get install -y rabbitmq-server (the system service may stay stopped).");
        }

        var directory = PrepareDirectories(settings);
        builder.Services.AddHealthChecks()
            .AddCheck($"{EpmdName}-port", new PortOpenHealthCheck(settings.RabbitMqEpmdPort))
            .AddCheck($"{BrokerName}-amqp", new PortOpenHealthCheck(settings.RabbitMqPort));

        var epmd = builder.AddExecutable(EpmdName, "epmd", directory, "-port", Invariant(settings.RabbitMqEpmdPort), "-address", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithHealthCheck($"{EpmdName}-port");

        return builder.AddExecutable(BrokerName, server, directory)
            .WithEnvironment(context =>
            {
                foreach (var (name, value) in Environment(settings, directory))
                {
                    context.EnvironmentVariables[name] = value;
                }
            })
            .WithHealthCheck($"{BrokerName}-amqp")
            .WaitFor(epmd);
    }

    private static Dictionary<string, string> Environment(LocalSettings settings, string directory) => new()
    {
        ["HOME"] = Path.Combine(directory, "home"),
        ["ERL_EPMD_PORT"] = Invariant(settings.RabbitMqEpmdPort),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_CRASH_DUMP"] = Path.Combine(directory, "log", "erl_crash.dump"),
        ["RABBITMQ_NODENAME"] = settings.RabbitMqNodeName,
        ["RABBITMQ_USE_LONGNAME"] = "false",
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Invariant(settings.RabbitMqPort),
        ["RABBITMQ_DIST_PORT"] = Invariant(settings.RabbitMqDistributionPort),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
        ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(directory, "plugins-expand"),
        ["RABBITMQ_PID_FILE"] = settings.RabbitMqVmPidFile,
        // Erlang distribution (node <-> rabbitmqctl) on loopback only.
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["RABBITMQ_CTL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["RABBITMQ_CTL_DIST_PORT_MIN"] = Invariant(settings.RabbitMqCliPort),
        ["RABBITMQ_CTL_DIST_PORT_MAX"] = Invariant(settings.RabbitMqCliPort + 10),
    };

    private static string PrepareDirectories(LocalSettings settings)
    {
        var directory = settings.RabbitMqDirectory;
        foreach (var folder in new[] { "home", "mnesia", "log", "plugins-expand" })
        {
            Directory.CreateDirectory(Path.Combine(directory, folder));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(settings.RabbitMqVmPidFile)!);
        var cookie = Path.Combine(directory, "home", ".erlang.cookie");
        if (!File.Exists(cookie) || new FileInfo(cookie).Length == 0)
        {
            File.WriteAllText(cookie, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        // Management plugin (and every other plugin) off; /etc/rabbitmq/rabbitmq-env.conf kept out of our node.
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(directory, "rabbitmq-env.conf"), string.Empty);
        File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"), $"""
            # Written by the AppHost at every start. Listener address and port come from RABBITMQ_NODE_IP_ADDRESS / RABBITMQ_NODE_PORT.
            default_user = {settings.RabbitMqUserName}
            default_pass = {settings.RabbitMqPassword}
            default_vhost = /
            disk_free_limit.absolute = 50MB
            log.console = true
            log.console.level = info
            log.file.level = info

            """);
        return directory;
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
