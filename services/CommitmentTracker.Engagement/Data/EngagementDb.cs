using CommitmentTracker.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Engagement.Data;

/// <summary>The Engagement database. The provider subclasses exist only so each provider has its own migrations.</summary>
internal abstract class EngagementDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<MemberProjection> Members => Set<MemberProjection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<MemberProjection>(member =>
        {
            member.ToTable("Members");
            member.HasKey(m => m.Code);
            member.Property(m => m.Code).HasMaxLength(4);
            member.Property(m => m.Name).HasMaxLength(200);
            member.Property(m => m.LatestActionPlanId).HasMaxLength(40);
        });
    }
}

internal sealed class SqliteEngagementDb(DbContextOptions<SqliteEngagementDb> options) : EngagementDb(options);

internal sealed class SqlServerEngagementDb(DbContextOptions<SqlServerEngagementDb> options) : EngagementDb(options);

internal sealed class SqliteEngagementDbFactory : IDesignTimeDbContextFactory<SqliteEngagementDb>
{
    public SqliteEngagementDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteEngagementDb>());
}

internal sealed class SqlServerEngagementDbFactory : IDesignTimeDbContextFactory<SqlServerEngagementDb>
{
    public SqlServerEngagementDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerEngagementDb>());
}
