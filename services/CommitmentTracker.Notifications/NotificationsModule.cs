using CommitmentTracker.Notifications.Consumers;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Notifications.Features;
using CommitmentTracker.Notifications.Features.Activity;
using CommitmentTracker.Notifications.Features.Deliveries;
using CommitmentTracker.Notifications.Features.Feed;
using CommitmentTracker.Notifications.Features.Subscriptions;
using CommitmentTracker.Notifications.Subscriptions;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using MassTransit;
using Polly;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using CommitmentTracker.ServiceDefaults.Members;

namespace CommitmentTracker.Notifications;

/// <summary>The Notifications service's pieces, for its own Program and for the embedded host.</summary>
public static class NotificationsModule
{
    public const string ServiceName = "notifications";
    public const string ConnectionName = "Notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApiExamples(NotificationsExamples.Add);
        // The single-field rules of the request records (attributes); the rest is SubscriptionRules'.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<NotificationsDb, SqliteNotificationsDb, SqlServerNotificationsDb, PostgresNotificationsDb>(ConnectionName);
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        builder.Services.AddSingleton(sp => new NotificationContentFactory(sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.PublicBaseUrl));
        builder.Services.AddSingleton<FanOut>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<WebhookAddressGuard>();
        builder.Services.AddSingleton<UnsubscribeTokens>();
        builder.Services.AddSingleton<WebhookSecretProtector>();
        builder.Services.AddSingleton<IChannelSender, EmailSender>();
        builder.Services.AddSingleton<IChannelSender, WebhookSender>();
        builder.Services.AddScoped<SubscriptionRules>();
        builder.AddMemberDirectory();
        builder.Services.AddHttpClient(WebhookSender.ClientName)
            // The resilience pipeline's timeout is the one limit of an attempt.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Redirects could lead anywhere, proxies would connect for us: neither passes the address check.
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookAddressGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // No retry here: a failed call is retried on the delivery schedule (Notifications:Delivery:RetryDelays), visibly.
            .AddResilienceHandler("webhook", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<NotificationsOptions>>().Value.Webhooks.Timeout));
        builder.Services.AddSingleton<DigestBuilder>();
        builder.Services.AddSingleton<DeliveryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        return builder;
    }

    /// <summary>
    /// With <see cref="NotificationsOptions.ActionPlansAddress"/> set (distributed mode), members Notifications has not
    /// heard of yet are looked up at ActionPlans over HTTP: instances found by service discovery, a failed attempt tried
    /// again on the next one, within a limit a person waiting for an answer can bear. The embedded host's ActionPlans puts
    /// its in-process directory in place of this one.
    /// </summary>
    private static void AddMemberDirectory(this IHostApplicationBuilder builder)
    {
        var address = builder.Configuration.GetSection(NotificationsOptions.SectionName).GetValue<Uri?>(nameof(NotificationsOptions.ActionPlansAddress));
        if (address is null || !address.IsAbsoluteUri)
        {
            // Unset: only members the events announced (an invalid value is reported by the options validator at start).
            return;
        }

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddServiceDiscovery();
        var client = builder.Services.AddHttpClient(HttpMemberDirectory.ClientName, client =>
        {
            client.BaseAddress = address;
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler("member-directory", pipeline => pipeline
            .AddTimeout(TimeSpan.FromSeconds(6))
            .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Constant, UseJitter = false })
            .AddTimeout(TimeSpan.FromSeconds(2)));
        // Inside the retry: each attempt resolves the next instance.
        client.AddServiceDiscovery();
        builder.Services.TryAddScoped<IMemberDirectory, HttpMemberDirectory>();
    }

    public static void AddNotificationsConsumers(ServiceConsumers consumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        consumers.AddBatch<RecordActivityConsumer, NotificationsDb>("notifications-activity");
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Notifications");
        ListActivity.Map(api);
        CreateSubscription.Map(api);
        ListSubscriptions.Map(api);
        GetSubscription.Map(api);
        UpdateSubscription.Map(api);
        DeleteSubscription.Map(api);
        TestSubscription.Map(api);
        ListNotifications.Map(api);
        MarkNotificationsRead.Map(api);
        MarkNotificationRead.Map(api);
        ListDeliveries.Map(api);
        ReplayDelivery.Map(api);
        GetUnsubscribePage.Map(api);
        Unsubscribe.Map(api);
        return endpoints;
    }
}
