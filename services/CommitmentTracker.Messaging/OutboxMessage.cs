using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommitmentTracker.Messaging;

/// <summary>An event waiting to be published (or, with <see cref="SentAt"/> set, published and kept for a while).</summary>
public sealed class OutboxMessage : ILeasedRow
{
    public long Id { get; set; }
    /// <summary>The MassTransit message id: the same on every republish, so consumers' inboxes recognise it.</summary>
    public Guid MessageId { get; set; }
    /// <summary>"Full.Type.Name, AssemblyName" of the contract.</summary>
    public required string MessageType { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CorrelationId { get; set; }
    /// <summary>W3C traceparent of the activity that stored the event.</summary>
    public string? TraceParent { get; set; }
    public string? TraceState { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The relay batch that holds the row; with <see cref="LockedUntil"/>, a lease another relay can take over when it expires.</summary>
    public Guid? LockToken { get; set; }
    public DateTime? LockedUntil { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message a consumer has handled; its key makes a second effect impossible.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public required string Consumer { get; set; }
    public DateTime HandledAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.SentAt, m.Id });
        builder.Property(m => m.MessageType).HasMaxLength(300);
        builder.Property(m => m.CorrelationId).HasMaxLength(128);
        builder.Property(m => m.TraceParent).HasMaxLength(128);
        builder.Property(m => m.TraceState).HasMaxLength(512);
        builder.Property(m => m.LastError).HasMaxLength(2000);
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("InboxMessages");
        builder.HasKey(m => new { m.MessageId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(200);
        builder.HasIndex(m => m.HandledAt);
    }
}
