using CommitmentTracker.ActionPlans;
using CommitmentTracker.Engagement;
using CommitmentTracker.Host;
using CommitmentTracker.Notifications;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Messaging;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Edge.Keys;
using CommitmentTracker.Tagging;
using CommitmentTracker.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmbeddedDefaults();
// One process: issued keys are checked against the host's own key store, no identity is forwarded.
builder.AddServiceDefaults(EmbeddedDefaults.ServiceName, InternalIdentity.None);
builder.AddApiKeyStore();
builder.Services.AddEmbeddedOpenApi();
builder.AddActionPlans();
builder.AddTagging();
builder.AddEngagement();
builder.AddNotifications();
builder.AddWebWorkspace();
builder.AddMessaging(TaggingModule.AddTaggingConsumers, EngagementModule.AddEngagementConsumers, NotificationsModule.AddNotificationsConsumers);

var app = builder.Build();
app.UseServiceDefaults();
app.MapActionPlans();
app.MapTagging();
app.MapEngagement();
app.MapNotifications();
app.MapApiKeys();
app.MapWebWorkspace();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
