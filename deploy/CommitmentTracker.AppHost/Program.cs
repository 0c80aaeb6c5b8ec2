using CommitmentTracker.AppHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The repository root: the AppHost runs from its build output (deploy/CommitmentTracker.AppHost/bin/<config>/net10.0/).
var repositoryRoot = Environment.GetEnvironmentVariable("CT_REPO_ROOT") is { Length: > 0 } root
    ? root
    : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
var settings = LocalSettings.FromEnvironment(repositoryRoot);

var builder = DistributedApplication.CreateBuilder(args);
// The dashboard (telemetry viewer, resources, logs) and its OTLP and resource-service endpoints on loopback ports
// derived from the gateway's: two runs side by side do not collide. Plain http on loopback needs the unsecured switch.
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{settings.DashboardPort}",
    ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{settings.DashboardOtlpPort}",
    ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{settings.ResourceServicePort}",
    ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
});
builder.Services.AddSingleton(settings);
// Ahead of Aspire's own hosted services: the orchestrator's start returns only once every resource it waits on is up,
// and the log files and the control channel must work while a resource is still starting (or failing to).
builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ResourceLogFiles>());
builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ControlChannel>());

Directory.CreateDirectory(settings.DataDirectory);
var broker = builder.AddBroker(settings);
if (!settings.BrokerOnly)
{
    var database = settings.DatabaseProvider == "Postgres" ? builder.AddPostgres(settings) : null;
    builder.AddServices(settings, broker, database);
}

await builder.Build().RunAsync();
