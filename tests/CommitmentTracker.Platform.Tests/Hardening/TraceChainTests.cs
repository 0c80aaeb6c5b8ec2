using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using OpenTelemetry.Trace;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>One trace from the HTTP request through the outbox and the bus to the consumers of the event it caused.</summary>
public sealed class TraceChainTests
{
    [Fact]
    public async Task The_consumer_of_an_event_runs_in_the_trace_of_the_request_that_caused_it()
    {
        var exported = new SynchronizedActivities();
        using var host = new ServiceFactory<Program>(configureServices: services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));
        var admin = host.CreateAdminClient();
        var correlationId = $"trace-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/action-plans")
        {
            Content = JsonContent.Create(new RegisterActionPlanRequest { ActionPlanId = "AP_MNE03", MemberCode = "MNE", MemberName = "Montenegro", Number = 3, SubmissionYear = 2018, EndYear = 2020 }),
        };
        request.Headers.Add("X-Correlation-Id", correlationId);

        using var created = await admin.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var requestActivity = await Eventually.GetAsync(
            () => Task.FromResult(exported.Snapshot().FirstOrDefault(a => a.Kind == ActivityKind.Server && Equals(a.GetTagItem("correlation.id"), correlationId))),
            activity => activity is not null, TimeSpan.FromSeconds(10), "the request's server activity");
        var traceId = requestActivity!.TraceId;
        // The event reaches Engagement and Notifications: consumer activities of at least two endpoints, all in the
        // request's trace, and the outbox relay's activity between them (it ends after the publish, so it is awaited too).
        var inTrace = await Eventually.GetAsync(
            () => Task.FromResult(exported.Snapshot().Where(a => a.TraceId == traceId).ToList()),
            found => ConsumerEndpoints(found).Count >= 2 && found.Any(a => a.Source.Name == "CommitmentTracker.Outbox"),
            TimeSpan.FromSeconds(15), "consumer activities of two endpoints and the relay's in the request's trace");

        Assert.True(ConsumerEndpoints(inTrace).Count >= 2, string.Join(", ", ConsumerEndpoints(inTrace)));
    }

    /// <summary>MassTransit names a consumer-side activity "{endpoint} receive" / "{endpoint} process".</summary>
    private static HashSet<string> ConsumerEndpoints(IEnumerable<Activity> activities) =>
        activities.Where(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer).Select(a => a.DisplayName.Split(' ')[0]).ToHashSet();

    /// <summary>The exporter appends from the processor's thread while the test reads.</summary>
    private sealed class SynchronizedActivities : ICollection<Activity>
    {
        private readonly List<Activity> items = [];

        public int Count
        {
            get
            {
                lock (items)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<Activity> Snapshot()
        {
            lock (items)
            {
                return [.. items];
            }
        }

        public void Add(Activity item)
        {
            lock (items)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (items)
            {
                items.Clear();
            }
        }

        public bool Contains(Activity item) => Snapshot().Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(Activity item)
        {
            lock (items)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
