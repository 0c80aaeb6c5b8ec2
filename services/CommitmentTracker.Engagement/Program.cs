using CommitmentTracker.Engagement;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(EngagementModule.ServiceName);
builder.AddEngagement();
builder.AddMessaging(EngagementModule.AddEngagementConsumers);

var app = builder.Build();
app.UseServiceDefaults();
app.MapEngagement();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
