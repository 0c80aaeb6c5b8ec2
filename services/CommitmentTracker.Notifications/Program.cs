using CommitmentTracker.Notifications;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsModule.ServiceName);
builder.AddNotifications();
builder.AddMessaging(NotificationsModule.AddNotificationsConsumers);

var app = builder.Build();
app.UseServiceDefaults();
app.MapNotifications();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
