using CommitmentTracker.Notifications;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsModule.ServiceName);
builder.AddNotifications();
builder.AddMessaging(NotificationsModule.AddNotificationsConsumers);

var app = builder.Build();
app.UseServiceDefaults();
app.MapNotifications();
await app.RunAsync();
