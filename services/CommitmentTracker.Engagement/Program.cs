using CommitmentTracker.Engagement;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(EngagementModule.ServiceName);
builder.AddEngagement();
builder.AddMessaging(EngagementModule.AddEngagementConsumers);

var app = builder.Build();
app.UseServiceDefaults();
app.MapEngagement();
await app.RunAsync();
