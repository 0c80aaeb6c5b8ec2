using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Notifications.Data;

/// <summary>The Notifications database. The provider subclasses exist only so each provider has its own migrations.</summary>
internal abstract class NotificationsDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<KnownMember> KnownMembers => Set<KnownMember>();
    public DbSet<KnownTag> KnownTags => Set<KnownTag>();
    public DbSet<CommitmentTagProjection> CommitmentTags => Set<CommitmentTagProjection>();

    /// <summary>The new rows of this type go in through prepared commands on SQLite (<see cref="SqliteBulkSave"/>).</summary>
    private static readonly Type[] BulkInserted = [typeof(InboxMessage)];

    /// <summary>Activity entries to insert with the next save (<see cref="RecordActivity"/>).</summary>
    private List<ActivityEntry> pendingActivity = [];

    /// <summary>
    /// Adds <paramref name="entry"/> to the activity log with the next save, in its transaction. Not tracked: on SQLite
    /// the entries, and the save's new inbox records, go in through prepared commands (EF's save of an event batch's
    /// hundreds of tracked rows was most of the batch's cost, issue 21); on the networked servers EF's batched save
    /// stays the cheaper way.
    /// </summary>
    public void RecordActivity(ActivityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        pendingActivity.Add(entry);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Nothing saves synchronously with pending entries today; should something, EF stores them the ordinary way.
        TrackPendingActivity();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (this is not SqliteNotificationsDb)
        {
            TrackPendingActivity();
            return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return SaveOnSqliteAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void TrackPendingActivity()
    {
        if (pendingActivity.Count > 0)
        {
            Activity.AddRange(pendingActivity);
            pendingActivity = [];
        }
    }

    /// <summary>
    /// The pending activity entries and the new inbox records (one per event of the batch) through prepared commands,
    /// then EF's save of the rest (known members and tags, notifications, outbox rows), in one transaction
    /// (<see cref="SqliteBulkSave"/>). A failure leaves the entries pending, as a failed save leaves its changes.
    /// </summary>
    private async Task<int> SaveOnSqliteAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var saved = await SqliteBulkSave.SaveAsync(
            this, BulkInserted, pendingActivity.Count == 0 ? null : InsertPendingActivityAsync, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);
        pendingActivity = [];
        return saved;
    }

    private async Task<int> InsertPendingActivityAsync(CancellationToken cancellationToken)
    {
        await BulkInserter.InsertAllAsync(this, pendingActivity, cancellationToken);
        return pendingActivity.Count;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ActivityEntry>(entry =>
        {
            entry.ToTable("ActivityEntries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Kind).HasMaxLength(40);
            entry.Property(e => e.MemberCode).HasMaxLength(4);
            entry.Property(e => e.Summary).HasMaxLength(1000);
            entry.Property(e => e.CorrelationId).HasMaxLength(128);
            entry.Property(e => e.TraceId).HasMaxLength(32);
            // Not unique on purpose: exactly-once is the inbox's job, and the tests count these rows to prove it.
            entry.HasIndex(e => e.MessageId);
            entry.HasIndex(e => new { e.MemberCode, e.Id });
            entry.HasIndex(e => new { e.Kind, e.Id });
        });
        modelBuilder.Entity<Subscription>(subscription =>
        {
            subscription.HasKey(s => s.Id);
            subscription.Property(s => s.Owner).HasMaxLength(200);
            subscription.Property(s => s.Name).HasMaxLength(200);
            subscription.Property(s => s.Email).HasMaxLength(320);
            subscription.Property(s => s.WebhookUrl).HasMaxLength(2000);
            subscription.Property(s => s.WebhookSecret).HasMaxLength(200);
            subscription.Property(s => s.Frequency).HasMaxLength(10);
            subscription.Property(s => s.TimeZone).HasMaxLength(100);
            subscription.HasIndex(s => s.Owner);
            subscription.HasIndex(s => s.NextDigestAt);
        });
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Channel).HasMaxLength(10);
            notification.Property(n => n.Kind).HasMaxLength(40);
            notification.Property(n => n.MemberCode).HasMaxLength(4);
            notification.Property(n => n.Status).HasMaxLength(10);
            notification.Property(n => n.LastError).HasMaxLength(2000);
            notification.HasOne(n => n.Subscription).WithMany().HasForeignKey(n => n.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            // Exactly one notification per event, subscription and channel, whatever the redeliveries.
            notification.HasIndex(n => new { n.MessageId, n.SubscriptionId, n.Channel }).IsUnique();
            notification.HasIndex(n => new { n.Status, n.NextAttemptAt });
            notification.HasIndex(n => new { n.SubscriptionId, n.Channel, n.Status });
        });
        modelBuilder.Entity<KnownMember>(member =>
        {
            member.HasKey(m => m.Code);
            member.Property(m => m.Code).HasMaxLength(4);
            member.Property(m => m.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<KnownTag>(tag =>
        {
            tag.HasKey(t => t.Id);
            tag.Property(t => t.Id).HasMaxLength(100);
        });
        modelBuilder.Entity<CommitmentTagProjection>(tag =>
        {
            tag.ToTable("CommitmentTags");
            tag.HasKey(t => new { t.CommitmentId, t.Tag });
            tag.Property(t => t.CommitmentId).HasMaxLength(40);
            tag.Property(t => t.Tag).HasMaxLength(100);
        });
    }
}

internal sealed class SqliteNotificationsDb(DbContextOptions<SqliteNotificationsDb> options) : NotificationsDb(options);

internal sealed class SqlServerNotificationsDb(DbContextOptions<SqlServerNotificationsDb> options) : NotificationsDb(options);

internal sealed class PostgresNotificationsDb(DbContextOptions<PostgresNotificationsDb> options) : NotificationsDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => PostgresConventions.Apply(configurationBuilder);
}

internal sealed class SqliteNotificationsDbFactory : IDesignTimeDbContextFactory<SqliteNotificationsDb>
{
    public SqliteNotificationsDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteNotificationsDb>());
}

internal sealed class SqlServerNotificationsDbFactory : IDesignTimeDbContextFactory<SqlServerNotificationsDb>
{
    public SqlServerNotificationsDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerNotificationsDb>());
}

internal sealed class PostgresNotificationsDbFactory : IDesignTimeDbContextFactory<PostgresNotificationsDb>
{
    public PostgresNotificationsDb CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres<PostgresNotificationsDb>());
}
