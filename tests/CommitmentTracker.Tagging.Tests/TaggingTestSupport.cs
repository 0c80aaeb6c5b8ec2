using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>The Tagging service in process, with test principals for liaisons, readers and country leads.</summary>
internal sealed class TaggingFactory(IReadOnlyDictionary<string, string?>? settings = null) : ServiceFactory<Program>(
    new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Outbox:PollingInterval"] = "00:00:00.200" },
    configureServices: null)
{
    public HttpClient As(string role, string? organisation = null, string? name = null) => As(role, organisation, members: null, id: name);

    public HttpClient Ogp(string name = "ogp-liaison") => As(Roles.Liaison, "OGP", name);

    public HttpClient Ocp(string name = "ocp-liaison") => As(Roles.Liaison, "OCP", name);

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

    /// <summary>The types of the events waiting in (or sent from) the outbox, by short name, in order.</summary>
    public Task<List<string>> OutboxEventsAsync() =>
        QueryAsync(async db => (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.MessageType).ToListAsync())
            .Select(t => t.Split(',')[0].Split('.')[^1]).ToList());
}
