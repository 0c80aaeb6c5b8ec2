using CommitmentTracker.Gateway;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayDefaults();
builder.AddServiceDefaults(GatewayModule.ServiceName, InternalIdentity.Issue);
builder.AddGateway();

var app = builder.Build();
app.UseServiceDefaults();
app.UseMiddleware<ProxyErrorProblemMiddleware>();
app.MapGateway();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
