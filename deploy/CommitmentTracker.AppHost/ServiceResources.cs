using System.Collections;

namespace CommitmentTracker.AppHost;

/// <summary>
/// The .NET processes: every instance of the four services, the web workspace and the gateway, each as
/// <c>dotnet &lt;dll&gt;</c> from the build output (content root there, so appsettings*.json are found), with the settings
/// distributed.sh gave them. Instances are separate resources on their own loopback ports rather than one resource
/// with replicas: replicas sit behind one DCP proxy address, and the gateway must see each instance to health-check it
/// and retry on another one; a named instance can also be stopped, killed and started on its own.
/// </summary>
internal static class ServiceResources
{
    public static void AddServices(
        this IDistributedApplicationBuilder builder,
        LocalSettings settings,
        IResourceBuilder<ExecutableResource> broker,
        IResourceBuilder<ExecutableResource>? database)
    {
        var instances = new List<IResourceBuilder<ExecutableResource>>();
        var destinations = new Dictionary<string, string>(StringComparer.Ordinal);
        // Notifications asks ActionPlans about members its events have not announced yet: every instance, by service discovery.
        var actionPlansInstances = Enumerable.Range(1, settings.Replicas)
            .Select(instance => (Name: FormattableString.Invariant($"services__actionplans__http__{instance - 1}"), Value: FormattableString.Invariant($"http://127.0.0.1:{settings.InstancePort("actionplans", 0, instance)}")))
            .ToList();
        foreach (var (service, index) in ServiceCatalog.Services.Select((s, i) => (s, i)))
        {
            for (var instance = 1; instance <= settings.Replicas; instance++)
            {
                var port = settings.InstancePort(service.Name, index, instance);
                var resource = builder.AddDotnetProcess(settings, service, ServiceCatalog.InstanceName(service.Name, instance, settings.Replicas), port)
                    .WithEnvironment(context =>
                    {
                        foreach (var (name, value) in DatabaseSettings(settings, service))
                        {
                            context.EnvironmentVariables[name] = value;
                        }

                        context.EnvironmentVariables["Messaging__Transport"] = "RabbitMq";
                        context.EnvironmentVariables["Messaging__RabbitMq__Host"] = "127.0.0.1";
                        context.EnvironmentVariables["Messaging__RabbitMq__Port"] = BrokerResources.Invariant(settings.RabbitMqPort);
                        context.EnvironmentVariables["Messaging__RabbitMq__VirtualHost"] = "/";
                        context.EnvironmentVariables["Messaging__RabbitMq__Username"] = settings.RabbitMqUserName;
                        context.EnvironmentVariables["Messaging__RabbitMq__Password"] = settings.RabbitMqPassword;
                        if (service.Name == "notifications")
                        {
                            context.EnvironmentVariables["Notifications__ActionPlansAddress"] = "http://actionplans";
                            foreach (var (name, value) in actionPlansInstances)
                            {
                                context.EnvironmentVariables[name] = value;
                            }
                        }
                    })
                    .WaitFor(broker);
                if (database is not null)
                {
                    resource.WaitFor(database);
                }

                instances.Add(resource);
                // The first instance overrides appsettings.json's "primary" destination; the others are added beside it.
                var destination = instance == 1 ? "primary" : $"instance{instance}";
                destinations[$"ReverseProxy__Clusters__{service.Name}__Destinations__{destination}__Address"] = $"http://127.0.0.1:{port}/";
            }
        }

        // The web workspace: pages only, calling the API through the gateway with each person's own credential.
        var web = builder.AddDotnetProcess(settings, ServiceCatalog.Web, ServiceCatalog.Web.Name, settings.WebPort)
            .WithEnvironment("Web__ApiBaseUrl", FormattableString.Invariant($"http://127.0.0.1:{settings.GatewayPort}/"))
            .WithEnvironment("Web__DataProtectionKeysPath", Path.Combine(settings.DataDirectory, "web-keys"));
        destinations["ReverseProxy__Clusters__web__Destinations__primary__Address"] = $"http://127.0.0.1:{settings.WebPort}/";

        var gateway = builder.AddDotnetProcess(settings, ServiceCatalog.Gateway, ServiceCatalog.Gateway.Name, settings.GatewayPort)
            .WithEnvironment(context =>
            {
                foreach (var (name, value) in DatabaseSettings(settings, ServiceCatalog.Gateway))
                {
                    context.EnvironmentVariables[name] = value;
                }

                foreach (var (name, value) in destinations)
                {
                    context.EnvironmentVariables[name] = value;
                }
            })
            .WaitFor(web);
        if (database is not null)
        {
            gateway.WaitFor(database);
        }

        foreach (var instance in instances)
        {
            gateway.WaitFor(instance);
        }
    }

    private static IResourceBuilder<ExecutableResource> AddDotnetProcess(this IDistributedApplicationBuilder builder, LocalSettings settings, ServiceSpec spec, string name, int port)
    {
        var dll = spec.DllPath(settings);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found: build with -c {settings.Configuration} (dotnet build CommitmentTracker.slnx -c {settings.Configuration}).");
        }

        var resource = builder.AddExecutable(name, "dotnet", Path.GetDirectoryName(dll)!, dll)
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithHttpHealthCheck("/alive")
            .WithOtlpExporter()
            .WithEnvironment(context =>
            {
                // Settings of the caller's environment in configuration form (Section__Key=value) reach every process,
                // as they did when distributed.sh started them: tests pass SMTP, webhook and rate-limit settings so.
                foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
                {
                    if (variable.Key is string key && key.Contains("__", StringComparison.Ordinal) && !key.StartsWith("OTEL_", StringComparison.Ordinal) && !key.StartsWith("ASPIRE_", StringComparison.Ordinal) && !key.StartsWith("DOTNET_", StringComparison.Ordinal))
                    {
                        context.EnvironmentVariables[key] = (string)variable.Value!;
                    }
                }

                context.EnvironmentVariables["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
                // One service name for all of a service's instances; each keeps its own instance id.
                context.EnvironmentVariables["OTEL_SERVICE_NAME"] = spec.Name;
                context.EnvironmentVariables["DOTNET_ENVIRONMENT"] = "Production";
                context.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = "Production";
            });
        // The web workspace holds no key of its own: it calls the API with each signed-in person's credential.
        if (spec != ServiceCatalog.Web)
        {
            resource.WithEnvironment("Auth__BootstrapAdminKey", settings.AdminKey)
                .WithEnvironment("Auth__InternalSigningKey", settings.InternalSigningKey);
        }

        return resource;
    }

    private static Dictionary<string, string> DatabaseSettings(LocalSettings settings, ServiceSpec spec)
    {
        var fileName = spec == ServiceCatalog.Gateway ? "apikeys" : spec.Name;
        var overrideValue = Environment.GetEnvironmentVariable($"CT_CONNSTR_{fileName.ToUpperInvariant()}");
        var connectionString = overrideValue is { Length: > 0 }
            ? overrideValue
            : settings.DatabaseProvider switch
            {
                "Postgres" => PostgresResources.ConnectionString(settings, fileName),
                "SqlServer" => $"{settings.SqlServerConnectionString};Database=CommitmentTracker_{spec.ConnectionName}",
                // Every instance of a service shares its file: SQLite in WAL mode with a busy timeout takes two writer processes.
                _ => $"Data Source={Path.Combine(settings.DataDirectory, fileName + ".db")}",
            };
        return new()
        {
            ["Database__Provider"] = settings.DatabaseProvider,
            ["Database__MigrateAtStart"] = "true",
            [$"ConnectionStrings__{spec.ConnectionName}"] = connectionString,
        };
    }
}
