using CommitmentTracker.Gateway;
using CommitmentTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayModule.ServiceName);
builder.AddGateway();

var app = builder.Build();
app.UseServiceDefaults();
app.UseMiddleware<ProxyErrorProblemMiddleware>();
app.MapGateway();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
