using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;
using CommitmentTracker.Tagging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// Tagging's save on SQLite writes a batch's new rows through prepared inserts (SqliteBulkSave): they must be stored as
/// EF stores them, stay tracked as EF leaves them, and a failed save must leave nothing behind.
/// </summary>
public sealed class BulkSaveTests : IDisposable
{
    private readonly TaggingFactory factory = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_rows_are_stored_with_every_value_including_those_set_after_they_were_added()
    {
        var suggestionId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var at = new DateTime(2026, 12, 6, 1, 2, 3, DateTimeKind.Utc);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
            var commitment = new TrackedCommitment { Id = "BULK0001", ActionPlanId = "AP_GBR01", MemberCode = "GBR", Title = "Open contracting", TextHash = "hash-1" };
            db.Commitments.Add(commitment);
            // Set after the add, as the projection does: EF's snapshot of the entity predates them.
            commitment.FullText = "Publish every contract.";
            commitment.PolicyAreas = "Open Contracting\nPublic Procurement";
            commitment.UpdatedAt = at;
            db.Suggestions.Add(new TagSuggestion
            {
                Id = suggestionId, CommitmentId = "BULK0001", MemberCode = "GBR", TagId = "open-contracting", Confidence = 0.75, Evidence = "[]", Status = "pending",
                EvidenceKind = "text-strong", TextHash = "hash-1", SuggestedAt = at,
            });
            db.Audit.Add(new TagAuditEntry { CommitmentId = "BULK0001", TagId = "open-contracting", Action = "suggested", Actor = "rules", At = at, SuggestionId = suggestionId, Detail = "first" });
            db.Audit.Add(new TagAuditEntry { CommitmentId = "BULK0001", TagId = "open-contracting", Action = "held", Actor = "rules", At = at, Detail = "second" });
            db.PublishOnCommit(new TagSuggested
            {
                SuggestionId = suggestionId, CommitmentId = "BULK0001", MemberCode = "GBR", Tag = "open-contracting", Confidence = 0.75, Evidence = [], OccurredAt = at,
            });
            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = "bulk-test", HandledAt = at });

            Assert.Equal(6, await db.SaveChangesAsync(Ct));
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
            Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.Entity is TagAuditEntry or OutboxMessage);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
            var commitment = await db.Commitments.AsNoTracking().SingleAsync(c => c.Id == "BULK0001", Ct);
            Assert.Equal(("Publish every contract.", "Open Contracting\nPublic Procurement", at, "hash-1", false), (commitment.FullText, commitment.PolicyAreas, commitment.UpdatedAt, commitment.TextHash, commitment.Removed));
            var suggestion = await db.Suggestions.AsNoTracking().SingleAsync(s => s.CommitmentId == "BULK0001", Ct);
            Assert.Equal((suggestionId, 0.75, "text-strong", true, at, 1, (DateTime?)null), (suggestion.Id, suggestion.Confidence, suggestion.EvidenceKind, suggestion.IsOpen, suggestion.SuggestedAt, suggestion.Version, suggestion.DecidedAt));
            var audit = await db.Audit.AsNoTracking().Where(e => e.CommitmentId == "BULK0001").OrderBy(e => e.Id).ToListAsync(Ct);
            Assert.Equal(["first", "second"], audit.Select(e => e.Detail));
            Assert.True(audit[0].Id > 0 && audit[1].Id > audit[0].Id, "the database numbers the audit entries in the order they were added");
            Assert.Equal(suggestionId, audit[0].SuggestionId);
            Assert.Contains(await db.OutboxMessages.AsNoTracking().ToListAsync(Ct), m => m.Body.Contains(suggestionId.ToString(), StringComparison.Ordinal) && m.MessageType.StartsWith(typeof(TagSuggested).FullName!, StringComparison.Ordinal));
            Assert.Equal(at, (await db.InboxMessages.AsNoTracking().SingleAsync(m => m.MessageId == messageId, Ct)).HandledAt);
        }
    }

    [Fact]
    public async Task An_inserted_row_stays_tracked_so_its_next_change_is_an_update()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
        var commitment = new TrackedCommitment { Id = "BULK0002", ActionPlanId = "AP_GBR01", MemberCode = "GBR", Title = "First title", TextHash = "hash-1" };
        db.Commitments.Add(commitment);
        commitment.FullText = "Text";
        Assert.Equal(1, await db.SaveChangesAsync(Ct));
        Assert.Equal(0, await db.SaveChangesAsync(Ct));

        commitment.Title = "Second title";
        Assert.Equal(1, await db.SaveChangesAsync(Ct));

        var stored = await factory.QueryAsync(d => d.Commitments.AsNoTracking().SingleAsync(c => c.Id == "BULK0002", Ct));
        Assert.Equal(("Second title", "Text"), (stored.Title, stored.FullText));
    }

    [Fact]
    public async Task A_save_that_breaks_a_constraint_throws_as_EF_does_and_stores_nothing()
    {
        var messageId = await StoreInboxRecordAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
            db.Commitments.Add(new TrackedCommitment { Id = "BULK0003", ActionPlanId = "AP_GBR01", MemberCode = "GBR", Title = "Never stored", TextHash = "hash-1" });
            db.Audit.Add(new TagAuditEntry { CommitmentId = "BULK0003", TagId = "open-contracting", Action = "suggested", Actor = "rules", At = DateTime.UtcNow });
            // The inbox takes a DbUpdateException for another delivery of a message that committed first.
            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = "bulk-test", HandledAt = DateTime.UtcNow });

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

            Assert.Equal(3, db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added));
        }

        Assert.False(await factory.QueryAsync(d => d.Commitments.AnyAsync(c => c.Id == "BULK0003", Ct)));
        Assert.False(await factory.QueryAsync(d => d.Audit.AnyAsync(e => e.CommitmentId == "BULK0003", Ct)));
    }

    [Fact]
    public async Task A_failed_save_in_the_callers_transaction_leaves_that_transaction_as_it_was()
    {
        var messageId = await StoreInboxRecordAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Commitments.Add(new TrackedCommitment { Id = "BULK0004", ActionPlanId = "AP_GBR01", MemberCode = "GBR", Title = "Kept", TextHash = "hash-1" });
            await db.SaveChangesAsync(Ct);

            // The commitment is inserted before the inbox record that fails: the savepoint takes it back.
            db.Commitments.Add(new TrackedCommitment { Id = "BULK0005", ActionPlanId = "AP_GBR01", MemberCode = "GBR", Title = "Taken back", TextHash = "hash-1" });
            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = "bulk-test", HandledAt = DateTime.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(Ct);
        }

        Assert.True(await factory.QueryAsync(d => d.Commitments.AnyAsync(c => c.Id == "BULK0004", Ct)));
        Assert.False(await factory.QueryAsync(d => d.Commitments.AnyAsync(c => c.Id == "BULK0005", Ct)));
    }

    /// <summary>An inbox record committed by another save, as another delivery of the message would have left it.</summary>
    private async Task<Guid> StoreInboxRecordAsync()
    {
        var messageId = Guid.NewGuid();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaggingDb>();
        db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = "bulk-test", HandledAt = DateTime.UtcNow });
        await db.SaveChangesAsync(Ct);
        return messageId;
    }

    public void Dispose() => factory.Dispose();
}
