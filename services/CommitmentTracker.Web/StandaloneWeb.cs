using System.Security.Cryptography;
using Microsoft.Extensions.Configuration.Memory;

namespace CommitmentTracker.Web;

/// <summary>Defaults of the workspace as its own process (distributed mode, behind the gateway), below every other configuration source.</summary>
internal static class StandaloneWeb
{
    public const string ServiceName = "web";

    public static WebApplicationBuilder AddStandaloneWebDefaults(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                [$"{WebOptions.SectionName}:{nameof(WebOptions.DataProtectionKeysPath)}"] = Path.Combine("data", "web-keys"),
                // The workspace serves no API and calls the API only with each person's credential. The service defaults
                // still insist on a bootstrap admin key, so this process gets one that nobody knows and nothing uses.
                ["Auth:BootstrapAdminKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            },
        });
        return builder;
    }
}
