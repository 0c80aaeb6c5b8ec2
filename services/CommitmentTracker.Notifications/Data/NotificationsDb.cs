using CommitmentTracker.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Notifications.Data;

/// <summary>The Notifications database. The provider subclasses exist only so each provider has its own migrations.</summary>
internal abstract class NotificationsDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();

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
    }
}

internal sealed class SqliteNotificationsDb(DbContextOptions<SqliteNotificationsDb> options) : NotificationsDb(options);

internal sealed class SqlServerNotificationsDb(DbContextOptions<SqlServerNotificationsDb> options) : NotificationsDb(options);

internal sealed class SqliteNotificationsDbFactory : IDesignTimeDbContextFactory<SqliteNotificationsDb>
{
    public SqliteNotificationsDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteNotificationsDb>());
}

internal sealed class SqlServerNotificationsDbFactory : IDesignTimeDbContextFactory<SqlServerNotificationsDb>
{
    public SqlServerNotificationsDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerNotificationsDb>());
}
