using CommitmentTracker.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Engagement.Data;

/// <summary>The Engagement database. The provider subclasses exist only so each provider has its own migrations.</summary>
internal abstract class EngagementDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<MemberProjection> Members => Set<MemberProjection>();
    public DbSet<MemberActionPlan> MemberActionPlans => Set<MemberActionPlan>();

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
            member.HasMany(m => m.ActionPlans).WithOne().HasForeignKey(p => p.MemberCode);
        });
        modelBuilder.Entity<MemberActionPlan>(plan =>
        {
            plan.HasKey(p => p.ActionPlanId);
            plan.Property(p => p.ActionPlanId).HasMaxLength(40);
            plan.Property(p => p.MemberCode).HasMaxLength(4);
            plan.HasIndex(p => p.MemberCode);
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
