using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.ActionPlans.Data;

/// <summary>The ActionPlans database. The provider subclasses below exist only so each provider has its own migrations.</summary>
internal abstract class ActionPlansDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<ActionPlan> ActionPlans => Set<ActionPlan>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<CommitmentVersion> CommitmentVersions => Set<CommitmentVersion>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
    public DbSet<ImportDiffEntry> ImportDiffEntries => Set<ImportDiffEntry>();
    public DbSet<ImportSourceState> ImportSourceStates => Set<ImportSourceState>();
    public DbSet<CommitmentLink> CommitmentLinks => Set<CommitmentLink>();
    public DbSet<CommitmentLinkAudit> CommitmentLinkAudits => Set<CommitmentLinkAudit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Member>(member =>
        {
            member.HasKey(m => m.Code);
            member.Property(m => m.Code).HasMaxLength(4);
            member.Property(m => m.Name).HasMaxLength(200);
            member.Property(m => m.Region).HasMaxLength(100);
            member.Property(m => m.Kind).HasMaxLength(50);
        });
        modelBuilder.Entity<CommitmentLink>(link =>
        {
            link.HasKey(l => l.Id);
            link.Property(l => l.Id).ValueGeneratedNever();
            link.Property(l => l.MemberCode).HasMaxLength(4);
            link.Property(l => l.CommitmentId).HasMaxLength(40);
            link.Property(l => l.PredecessorId).HasMaxLength(40);
            link.Property(l => l.Status).HasMaxLength(20);
            link.Property(l => l.Origin).HasMaxLength(20);
            link.Property(l => l.DecidedBy).HasMaxLength(200);
            link.Property(l => l.DecidedOrganisation).HasMaxLength(20);
            link.Property(l => l.Reason).HasMaxLength(1000);
            link.Property(l => l.Version).IsConcurrencyToken();
            // One row per pair, whatever its status: a rejected pair is never proposed again.
            link.HasIndex(l => new { l.CommitmentId, l.PredecessorId }).IsUnique();
            link.HasIndex(l => l.PredecessorId);
            link.HasIndex(l => new { l.MemberCode, l.Status });
        });
        modelBuilder.Entity<CommitmentLinkAudit>(audit =>
        {
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Action).HasMaxLength(20);
            audit.Property(a => a.Actor).HasMaxLength(200);
            audit.Property(a => a.Organisation).HasMaxLength(20);
            audit.Property(a => a.Reason).HasMaxLength(1000);
            audit.HasIndex(a => a.LinkId);
        });
        modelBuilder.Entity<ActionPlan>(plan =>
        {
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Id).HasMaxLength(40);
            plan.Property(p => p.MemberCode).HasMaxLength(4);
            plan.HasOne(p => p.Member).WithMany(m => m.ActionPlans).HasForeignKey(p => p.MemberCode);
            plan.HasIndex(p => p.MemberCode);
        });
        modelBuilder.Entity<Commitment>(commitment =>
        {
            commitment.HasKey(c => c.Id);
            commitment.Property(c => c.Id).HasMaxLength(40);
            commitment.Property(c => c.ActionPlanId).HasMaxLength(40);
            commitment.Property(c => c.MemberCode).HasMaxLength(4);
            commitment.Property(c => c.Layout).HasMaxLength(20);
            commitment.Property(c => c.ShortTitle).HasMaxLength(1000);
            commitment.Property(c => c.Completion).HasMaxLength(50);
            commitment.Property(c => c.PolicyAreas).HasMaxLength(4000);
            commitment.Property(c => c.ContentHash).HasMaxLength(16);
            commitment.Property(c => c.FullHash).HasMaxLength(16);
            commitment.Property(c => c.Version).IsConcurrencyToken();
            commitment.HasOne<ActionPlan>().WithMany().HasForeignKey(c => c.ActionPlanId);
            commitment.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberCode);
            commitment.HasIndex(c => new { c.ActionPlanId, c.Removed });
            commitment.HasIndex(c => new { c.MemberCode, c.Removed });
            commitment.HasIndex(c => c.UpdatedAt);

            // The list's filters, in the list's default order (by id): both the page and its count read these
            // indexes alone instead of every row. SQL Server keys are limited to 1700 bytes, so there the policy
            // areas are an included column rather than part of the key.
            commitment.HasIndex(c => new { c.Completion, c.Removed, c.Id });
            if (Database.IsSqlite())
            {
                commitment.HasIndex(c => new { c.Removed, c.Id, c.PolicyAreas });
            }
            else if (Database.IsNpgsql())
            {
                NpgsqlIndexBuilderExtensions.IncludeProperties(commitment.HasIndex(c => new { c.Removed, c.Id }), c => c.PolicyAreas);
            }
            else
            {
                SqlServerIndexBuilderExtensions.IncludeProperties(commitment.HasIndex(c => new { c.Removed, c.Id }), c => c.PolicyAreas);
            }
        });
        modelBuilder.Entity<CommitmentVersion>(version =>
        {
            version.HasKey(v => v.Id);
            version.Property(v => v.CommitmentId).HasMaxLength(40);
            version.Property(v => v.Kind).HasMaxLength(20);
            version.HasIndex(v => new { v.CommitmentId, v.Version }).IsUnique();
            version.HasIndex(v => v.ImportId);
        });
        modelBuilder.Entity<ImportJob>(job =>
        {
            job.HasKey(j => j.Id);
            job.Property(j => j.Source).HasMaxLength(300);
            job.Property(j => j.Format).HasMaxLength(10);
            job.Property(j => j.Layout).HasMaxLength(20);
            job.Property(j => j.Status).HasMaxLength(20);
            job.Property(j => j.RequestedBy).HasMaxLength(200);
            job.Property(j => j.FilePath).HasMaxLength(1000);
            job.Property(j => j.SourceName).HasMaxLength(100);
            job.Property(j => j.Error).HasMaxLength(2000);
            job.Property(j => j.RunnerId).HasMaxLength(200);
            job.HasIndex(j => j.CreatedAt);
            job.HasIndex(j => j.Status);
            job.HasIndex(j => j.DryRunId);
        });
        modelBuilder.Entity<ImportRowError>(error =>
        {
            error.HasKey(e => e.Id);
            error.Property(e => e.Column).HasMaxLength(200);
            error.Property(e => e.Value).HasMaxLength(500);
            error.Property(e => e.Reason).HasMaxLength(500);
            error.HasIndex(e => new { e.ImportId, e.Row });
        });
        modelBuilder.Entity<ImportDiffEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Kind).HasMaxLength(20);
            entry.Property(e => e.CommitmentId).HasMaxLength(40);
            entry.Property(e => e.ActionPlanId).HasMaxLength(40);
            entry.HasIndex(e => e.ImportId);
        });
        modelBuilder.Entity<ImportSourceState>(source =>
        {
            source.HasKey(s => s.Name);
            source.Property(s => s.Name).HasMaxLength(100);
            source.Property(s => s.ETag).HasMaxLength(300);
            source.Property(s => s.LastModified).HasMaxLength(100);
            source.Property(s => s.LastOutcome).HasMaxLength(1000);
        });
    }
}

internal sealed class SqliteActionPlansDb(DbContextOptions<SqliteActionPlansDb> options) : ActionPlansDb(options);

internal sealed class SqlServerActionPlansDb(DbContextOptions<SqlServerActionPlansDb> options) : ActionPlansDb(options);

internal sealed class PostgresActionPlansDb(DbContextOptions<PostgresActionPlansDb> options) : ActionPlansDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => PostgresConventions.Apply(configurationBuilder);
}

internal sealed class SqliteActionPlansDbFactory : IDesignTimeDbContextFactory<SqliteActionPlansDb>
{
    public SqliteActionPlansDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteActionPlansDb>());
}

internal sealed class SqlServerActionPlansDbFactory : IDesignTimeDbContextFactory<SqlServerActionPlansDb>
{
    public SqlServerActionPlansDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerActionPlansDb>());
}

internal sealed class PostgresActionPlansDbFactory : IDesignTimeDbContextFactory<PostgresActionPlansDb>
{
    public PostgresActionPlansDb CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres<PostgresActionPlansDb>());
}
