using CommitmentTracker.Notifications.Consumers;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Features.Activity;
using CommitmentTracker.Notifications.Features;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.ServiceDefaults.Persistence;
using MassTransit;

namespace CommitmentTracker.Notifications;

/// <summary>The Notifications service's pieces, for its own Program and for the embedded host.</summary>
public static class NotificationsModule
{
    public const string ServiceName = "notifications";
    public const string ConnectionName = "Notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApiExamples(NotificationsExamples.Add);
        return builder.AddServiceDatabase<NotificationsDb, SqliteNotificationsDb, SqlServerNotificationsDb>(ConnectionName);
    }

    public static void AddNotificationsConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<RecordActivityConsumer>();
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Notifications");
        api.MapGetActivity();
        return endpoints;
    }
}
