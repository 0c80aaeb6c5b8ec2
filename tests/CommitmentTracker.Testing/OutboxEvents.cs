using System.Text.Json;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Testing;

/// <summary>What a service stored in its outbox, read back as the contract types consumers receive.</summary>
public static class OutboxEvents
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    /// <summary>The <typeparamref name="TEvent"/> events in the outbox (sent or not), oldest first.</summary>
    public static async Task<List<TEvent>> EventsAsync<TEvent>(this ServiceDbContext db) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var type = $"{typeof(TEvent).FullName}, {typeof(TEvent).Assembly.GetName().Name}";
        var bodies = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == type).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
        return [.. bodies.Select(body => JsonSerializer.Deserialize<TEvent>(body, EventJson) ?? throw new JsonException($"An empty {typeof(TEvent).Name} in the outbox."))];
    }
}
