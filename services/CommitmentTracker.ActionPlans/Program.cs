using CommitmentTracker.ActionPlans;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ActionPlansModule.ServiceName);
builder.AddActionPlans();
builder.AddMessaging();

var app = builder.Build();
app.UseServiceDefaults();
app.MapActionPlans();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
