using CommitmentTracker.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.ActionPlans.Data;

/// <summary>The ActionPlans database. The provider subclasses below exist only so each provider has its own migrations.</summary>
internal abstract class ActionPlansDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<ActionPlan> ActionPlans => Set<ActionPlan>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Member>(member =>
        {
            member.HasKey(m => m.Code);
            member.Property(m => m.Code).HasMaxLength(4);
            member.Property(m => m.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<ActionPlan>(plan =>
        {
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Id).HasMaxLength(40);
            plan.Property(p => p.MemberCode).HasMaxLength(4);
            plan.HasOne(p => p.Member).WithMany(m => m.ActionPlans).HasForeignKey(p => p.MemberCode);
            plan.HasIndex(p => p.MemberCode);
        });
    }
}

internal sealed class SqliteActionPlansDb(DbContextOptions<SqliteActionPlansDb> options) : ActionPlansDb(options);

internal sealed class SqlServerActionPlansDb(DbContextOptions<SqlServerActionPlansDb> options) : ActionPlansDb(options);

internal sealed class SqliteActionPlansDbFactory : IDesignTimeDbContextFactory<SqliteActionPlansDb>
{
    public SqliteActionPlansDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteActionPlansDb>());
}

internal sealed class SqlServerActionPlansDbFactory : IDesignTimeDbContextFactory<SqlServerActionPlansDb>
{
    public SqlServerActionPlansDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerActionPlansDb>());
}
