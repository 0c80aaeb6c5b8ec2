using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Engagement.Data;

/// <summary>The Engagement database. The provider subclasses exist only so each provider has its own migrations.</summary>
internal abstract class EngagementDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<MemberProjection> Members => Set<MemberProjection>();
    public DbSet<MemberActionPlan> MemberActionPlans => Set<MemberActionPlan>();
    public DbSet<TrackedCommitment> Commitments => Set<TrackedCommitment>();
    public DbSet<ConfirmedTag> ConfirmedTags => Set<ConfirmedTag>();
    public DbSet<LiaisonDecision> LiaisonDecisions => Set<LiaisonDecision>();
    public DbSet<ThreadLink> ThreadLinks => Set<ThreadLink>();
    public DbSet<MandateScore> MandateScores => Set<MandateScore>();
    public DbSet<OcdsPublication> OcdsPublications => Set<OcdsPublication>();
    public DbSet<MemberAssessment> Assessments => Set<MemberAssessment>();
    public DbSet<AssessmentHistoryEntry> AssessmentHistory => Set<AssessmentHistoryEntry>();
    public DbSet<RegistryPullState> RegistryPulls => Set<RegistryPullState>();
    public DbSet<CountryAlias> CountryAliases => Set<CountryAlias>();

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
            member.Property(m => m.Region).HasMaxLength(100);
            member.HasMany(m => m.ActionPlans).WithOne().HasForeignKey(p => p.MemberCode);
        });
        modelBuilder.Entity<MemberActionPlan>(plan =>
        {
            plan.HasKey(p => p.ActionPlanId);
            plan.Property(p => p.ActionPlanId).HasMaxLength(40);
            plan.Property(p => p.MemberCode).HasMaxLength(4);
            plan.HasIndex(p => p.MemberCode);
        });
        modelBuilder.Entity<TrackedCommitment>(commitment =>
        {
            commitment.ToTable("Commitments");
            commitment.HasKey(c => c.Id);
            commitment.Property(c => c.Id).HasMaxLength(40);
            commitment.Property(c => c.MemberCode).HasMaxLength(4);
            commitment.Property(c => c.ActionPlanId).HasMaxLength(40);
            commitment.Property(c => c.Title).HasMaxLength(2000);
            foreach (var irm in new[] { nameof(TrackedCommitment.PotentialImpact), nameof(TrackedCommitment.PotentialForResults), nameof(TrackedCommitment.CompletionProgressReport), nameof(TrackedCommitment.CompletionEndOfTerm), nameof(TrackedCommitment.EarlyResults), nameof(TrackedCommitment.DidItOpenGovernment) })
            {
                commitment.Property(irm).HasMaxLength(100);
            }

            commitment.HasIndex(c => c.MemberCode);
        });
        modelBuilder.Entity<ConfirmedTag>(tag =>
        {
            tag.HasKey(t => new { t.CommitmentId, t.Tag });
            tag.Property(t => t.CommitmentId).HasMaxLength(40);
            tag.Property(t => t.Tag).HasMaxLength(64);
            tag.Property(t => t.MemberCode).HasMaxLength(4);
            tag.HasIndex(t => t.MemberCode);
            tag.Property(t => t.ApprovedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<LiaisonDecision>(decision =>
        {
            decision.HasKey(d => d.CommitmentId);
            decision.Property(d => d.CommitmentId).HasMaxLength(40);
            decision.Property(d => d.MemberCode).HasMaxLength(4);
            decision.Property(d => d.Decision).HasMaxLength(20);
            decision.Property(d => d.Tag).HasMaxLength(64);
            decision.Property(d => d.Actor).HasMaxLength(200);
            decision.Property(d => d.Organisation).HasMaxLength(20);
            decision.Property(d => d.Reason).HasMaxLength(2000);
            decision.HasIndex(d => d.MemberCode);
        });
        modelBuilder.Entity<ThreadLink>(link =>
        {
            link.HasKey(l => l.LinkId);
            link.Property(l => l.LinkId).ValueGeneratedNever();
            link.Property(l => l.CommitmentId).HasMaxLength(40);
            link.Property(l => l.PredecessorId).HasMaxLength(40);
            link.Property(l => l.MemberCode).HasMaxLength(4);
            link.HasIndex(l => l.MemberCode);
        });
        modelBuilder.Entity<MandateScore>(score =>
        {
            score.HasKey(m => new { m.MemberCode, m.Component });
            score.Property(m => m.MemberCode).HasMaxLength(4);
            score.Property(m => m.Component).HasMaxLength(40);
            score.Property(m => m.Note).HasMaxLength(2000);
            score.Property(m => m.EnteredBy).HasMaxLength(200);
        });
        modelBuilder.Entity<OcdsPublication>(publication =>
        {
            publication.HasKey(p => p.Id);
            publication.Property(p => p.Id).ValueGeneratedNever();
            publication.Property(p => p.Title).HasMaxLength(500);
            publication.Property(p => p.Country).HasMaxLength(200);
            publication.Property(p => p.MemberCode).HasMaxLength(4);
            publication.Property(p => p.Region).HasMaxLength(100);
            publication.Property(p => p.SourceId).HasMaxLength(200);
            publication.Property(p => p.SourceUrl).HasMaxLength(2000);
            publication.Property(p => p.Stages).HasMaxLength(200);
            publication.Ignore(p => p.StageList);
            publication.HasIndex(p => p.MemberCode);
        });
        modelBuilder.Entity<MemberAssessment>(assessment =>
        {
            assessment.ToTable("Assessments");
            assessment.HasKey(a => a.MemberCode);
            assessment.Property(a => a.MemberCode).HasMaxLength(4);
            assessment.Property(a => a.Category).HasMaxLength(20);
            assessment.Property(a => a.DipConditions).HasMaxLength(400);
            assessment.HasIndex(a => a.Category);
        });
        modelBuilder.Entity<AssessmentHistoryEntry>(entry =>
        {
            entry.ToTable("AssessmentHistory");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.MemberCode).HasMaxLength(4);
            entry.Property(e => e.Category).HasMaxLength(20);
            entry.Property(e => e.PreviousCategory).HasMaxLength(20);
            entry.Property(e => e.Trigger).HasMaxLength(100);
            entry.HasIndex(e => new { e.MemberCode, e.Version }).IsUnique();
        });
        modelBuilder.Entity<CountryAlias>(alias =>
        {
            alias.HasKey(a => a.Key);
            alias.Property(a => a.Key).HasMaxLength(200);
            alias.Property(a => a.Name).HasMaxLength(200);
            alias.Property(a => a.MemberCode).HasMaxLength(4);
            alias.Property(a => a.EnteredBy).HasMaxLength(200);
        });
        modelBuilder.Entity<RegistryPullState>(pull =>
        {
            pull.HasKey(p => p.Name);
            pull.Property(p => p.Name).HasMaxLength(40);
            pull.Property(p => p.ETag).HasMaxLength(200);
            pull.Property(p => p.LastModified).HasMaxLength(100);
            pull.Property(p => p.LastResult).HasMaxLength(20);
            pull.Property(p => p.LastOutcome).HasMaxLength(1000);
        });
    }
}

internal sealed class SqliteEngagementDb(DbContextOptions<SqliteEngagementDb> options) : EngagementDb(options);

internal sealed class SqlServerEngagementDb(DbContextOptions<SqlServerEngagementDb> options) : EngagementDb(options);

internal sealed class PostgresEngagementDb(DbContextOptions<PostgresEngagementDb> options) : EngagementDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => PostgresConventions.Apply(configurationBuilder);
}

internal sealed class SqliteEngagementDbFactory : IDesignTimeDbContextFactory<SqliteEngagementDb>
{
    public SqliteEngagementDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteEngagementDb>());
}

internal sealed class SqlServerEngagementDbFactory : IDesignTimeDbContextFactory<SqlServerEngagementDb>
{
    public SqlServerEngagementDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerEngagementDb>());
}

internal sealed class PostgresEngagementDbFactory : IDesignTimeDbContextFactory<PostgresEngagementDb>
{
    public PostgresEngagementDb CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres<PostgresEngagementDb>());
}
