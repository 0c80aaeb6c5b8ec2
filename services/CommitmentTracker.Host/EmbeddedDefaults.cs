using CommitmentTracker.ActionPlans;
using CommitmentTracker.Engagement;
using CommitmentTracker.Notifications;
using CommitmentTracker.Edge.Keys;
using CommitmentTracker.Tagging;
using Microsoft.Extensions.Configuration.Memory;

namespace CommitmentTracker.Host;

/// <summary>
/// Defaults that make the one-process mode run with nothing installed. They sit below every other configuration
/// source, so appsettings, environment variables and the command line still win (e.g. Messaging:Transport=RabbitMq).
/// </summary>
internal static class EmbeddedDefaults
{
    public const string ServiceName = "commitment-tracker";
    public const string DefaultUrl = "http://localhost:8080";

    public static WebApplicationBuilder AddEmbeddedDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataDirectory = Path.GetFullPath(configuration["Embedded:DataDirectory"] is { Length: > 0 } configured
            ? Path.Combine(builder.Environment.ContentRootPath, configured)
            : Path.Combine(builder.Environment.ContentRootPath, "data"));

        var defaults = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateAtStart"] = "true",
            ["Messaging:Transport"] = "InMemory",
            ["Imports:WorkDirectory"] = Path.Combine(dataDirectory, "imports"),
            // The web workspace's session cookies survive a restart: its Data Protection keys live beside the databases.
            ["Web:DataProtectionKeysPath"] = Path.Combine(dataDirectory, "web-keys"),
        };
        foreach (var connectionName in new[] { ActionPlansModule.ConnectionName, TaggingModule.ConnectionName, EngagementModule.ConnectionName, NotificationsModule.ConnectionName, ApiKeyStoreExtensions.ConnectionName })
        {
            defaults[$"ConnectionStrings:{connectionName}"] = $"Data Source={Path.Combine(dataDirectory, connectionName.ToLowerInvariant())}.db";
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });

        // ASPNETCORE_URLS, --urls and ASPNETCORE_HTTP_PORTS all land in configuration; only without them is 8080 the default.
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }
}
