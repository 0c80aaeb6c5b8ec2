using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>Log lines written while handling a request, and while consuming the events it caused, carry its correlation id.</summary>
public sealed class CorrelationLogTests
{
    [Fact]
    public async Task Request_and_consumer_log_lines_carry_the_correlation_id_scope()
    {
        var logs = new CapturingLoggerProvider();
        using var host = new ServiceFactory<Program>(
            new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var admin = host.CreateAdminClient();
        var correlationId = $"logs-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/action-plans")
        {
            Content = JsonContent.Create(new RegisterActionPlanRequest { ActionPlanId = "AP_SRB05", MemberCode = "SRB", MemberName = "Serbia", Number = 5, SubmissionYear = 2020, EndYear = 2022 }),
        };
        request.Headers.Add("X-Correlation-Id", correlationId);

        using var created = await admin.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await Eventually.UntilAsync(
            () => Task.FromResult(logs.Entries.Any(e => e.InConsumer && e.CorrelationId == correlationId)),
            TimeSpan.FromSeconds(15), "a consumer's log line with the request's correlation id");
        Assert.Contains(logs.Entries, e => !e.InConsumer && e.CorrelationId == correlationId && e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    private sealed record CapturedLog(string Category, string? CorrelationId, bool InConsumer);

    /// <summary>Records each line's CorrelationId scope and whether a MassTransit consumer activity was running.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? scopes;

        public ConcurrentQueue<CapturedLog> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private void Record(string category)
        {
            string? correlationId = null;
            scopes?.ForEachScope<object?>((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> values && values.FirstOrDefault(v => v.Key == "CorrelationId") is { Key: not null } found)
                {
                    correlationId = found.Value?.ToString();
                }
            }, null);
            var inConsumer = false;
            for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
            {
                inConsumer |= activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Consumer;
            }

            Entries.Enqueue(new CapturedLog(category, correlationId, inConsumer));
        }

        private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Record(category);
        }
    }
}
