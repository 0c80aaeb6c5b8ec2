using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>The Tagging service in process, with callers for liaisons of each organisation and readers (<see cref="ServiceFactory{TEntryPoint}.As"/>).</summary>
internal sealed class TaggingFactory(IReadOnlyDictionary<string, string?>? settings = null, TestDatabase database = TestDatabase.Sqlite) : ServiceFactory<Program>(
    new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Outbox:PollingInterval"] = "00:00:00.200" },
    configureServices: null,
    database)
{
    public HttpClient Ogp(string name = "ogp-liaison") => As(Roles.Liaison, Organisations.Ogp, id: name);

    public HttpClient Ocp(string name = "ocp-liaison") => As(Roles.Liaison, Organisations.Ocp, id: name);

    public HttpClient Reader() => As(Roles.Reader);

    /// <summary>Publishes an event on the service's bus with a chosen message id and waits until it was consumed.</summary>
    public Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        _ = Server; // starts the host
        return Services.GetRequiredService<IBus>().PublishAndWaitAsync(message, messageId, cancellationToken: TestContext.Current.CancellationToken);
    }

    public Task<Guid> AddCommitmentAsync(string id, string title, string? fullText = null, IReadOnlyList<string>? flags = null, string member = "GBR", Guid? messageId = null) =>
        PublishAsync(new CommitmentAdded
        {
            CommitmentId = id, ActionPlanId = $"AP_{member}01", MemberCode = member, Title = title, PolicyAreas = flags ?? [], OccurredAt = DateTimeOffset.UtcNow,
            Current = new CommitmentSnapshot { Title = title, FullText = fullText, PolicyAreas = flags ?? [] },
        }, messageId);

    public Task<Guid> ChangeCommitmentAsync(string id, string title, string? fullText = null, IReadOnlyList<string>? flags = null, string member = "GBR", int version = 2) =>
        PublishAsync(new CommitmentChanged
        {
            CommitmentId = id, ActionPlanId = $"AP_{member}01", MemberCode = member, Title = title, Version = version, OccurredAt = DateTimeOffset.UtcNow,
            Changes = [new FieldChange("Full Text", null, fullText)],
            Current = new CommitmentSnapshot { Title = title, FullText = fullText, PolicyAreas = flags ?? [] },
        });

    public async Task<T> QueryAsync<T>(Func<TaggingDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TaggingDb>());
    }

    /// <summary>The <typeparamref name="TEvent"/> events waiting in (or sent from) the outbox, oldest first.</summary>
    public Task<List<TEvent>> EventsAsync<TEvent>() where TEvent : class => QueryAsync(db => db.EventsAsync<TEvent>());
}
