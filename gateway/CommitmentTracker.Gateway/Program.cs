using CommitmentTracker.Gateway;
using CommitmentTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayModule.ServiceName);
builder.AddGateway();

var app = builder.Build();
app.UseServiceDefaults();
app.MapGateway();
await app.RunAsync();
