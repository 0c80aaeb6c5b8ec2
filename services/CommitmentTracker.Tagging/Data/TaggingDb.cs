using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Tagging.Data;

/// <summary>The Tagging database. The provider subclasses exist only so each provider has its own migrations.</summary>
internal abstract class TaggingDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<TrackedCommitment> Commitments => Set<TrackedCommitment>();
    public DbSet<SuggestionRule> SuggestionRules => Set<SuggestionRule>();
    public DbSet<TagSuggestion> Suggestions => Set<TagSuggestion>();
    public DbSet<CommitmentTag> CommitmentTags => Set<CommitmentTag>();
    public DbSet<TagAuditEntry> Audit => Set<TagAuditEntry>();
    public DbSet<PolicyAreaMapping> PolicyAreas => Set<PolicyAreaMapping>();
    public DbSet<CalibrationPrior> CalibrationPriors => Set<CalibrationPrior>();
    public DbSet<RecomputeJob> RecomputeJobs => Set<RecomputeJob>();

    /// <summary>The rows a batch of commitment events adds by the hundred: on SQLite they are written through prepared inserts.</summary>
    private static readonly Type[] BulkInserted = [typeof(TrackedCommitment), typeof(TagSuggestion), typeof(TagAuditEntry), typeof(OutboxMessage), typeof(InboxMessage)];

    /// <summary>
    /// On SQLite the new commitments, suggestions, audit entries, outbox and inbox rows go through prepared inserts,
    /// the rest through EF, in one transaction (<see cref="SqliteBulkSave"/>): a batch of an import's events spent more on
    /// EF's change tracking and SQL than on matching its rules. The inserted entries are accepted whatever
    /// <paramref name="acceptAllChangesOnSuccess"/> says.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SqliteBulkSave.SaveAsync(this, BulkInserted, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Tag>(tag =>
        {
            tag.HasKey(t => t.Id);
            tag.Property(t => t.Id).HasMaxLength(60);
            tag.Property(t => t.Label).HasMaxLength(120);
            tag.Property(t => t.Description).HasMaxLength(1000);
            tag.Property(t => t.ParentId).HasMaxLength(60);
            tag.HasOne<Tag>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
            tag.Property(t => t.Confirmation).HasMaxLength(30);
            tag.HasData(TagVocabulary.Seed);
        });
        modelBuilder.Entity<TrackedCommitment>(commitment =>
        {
            commitment.ToTable("TrackedCommitments");
            commitment.HasKey(c => c.Id);
            commitment.Property(c => c.Id).HasMaxLength(40);
            commitment.Property(c => c.ActionPlanId).HasMaxLength(40);
            commitment.Property(c => c.MemberCode).HasMaxLength(4);
            commitment.Property(c => c.TextHash).HasMaxLength(64);
            commitment.Property(c => c.LeadInstitution).HasMaxLength(TrackedCommitment.MaxInstitutionLength);
            commitment.Property(c => c.SupportingInstitutions).HasMaxLength(TrackedCommitment.MaxInstitutionLength);
            commitment.Property(c => c.Theme).HasMaxLength(TrackedCommitment.MaxThemeLength);
            commitment.Ignore(c => c.PolicyAreaList);
        });
        modelBuilder.Entity<SuggestionRule>(rule =>
        {
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Id).HasMaxLength(60);
            rule.Property(r => r.TagId).HasMaxLength(60);
            rule.Property(r => r.Kind).HasMaxLength(10);
            rule.Property(r => r.Language).HasMaxLength(10);
            rule.Property(r => r.Phrases).HasMaxLength(8000);
            rule.Property(r => r.Requires).HasMaxLength(8000);
            rule.Property(r => r.Excludes).HasMaxLength(8000);
            rule.Property(r => r.Version).IsConcurrencyToken();
            rule.Ignore(r => r.PhraseList);
            rule.Ignore(r => r.RequiresList);
            rule.Ignore(r => r.ExcludesList);
            rule.HasOne<Tag>().WithMany().HasForeignKey(r => r.TagId).OnDelete(DeleteBehavior.Restrict);
            rule.HasData(RuleSeed.Rules);
        });
        modelBuilder.Entity<TagSuggestion>(suggestion =>
        {
            suggestion.ToTable("TagSuggestions");
            suggestion.HasKey(s => s.Id);
            suggestion.Property(s => s.CommitmentId).HasMaxLength(40);
            suggestion.Property(s => s.MemberCode).HasMaxLength(4);
            suggestion.Property(s => s.TagId).HasMaxLength(60);
            suggestion.Property(s => s.Status).HasMaxLength(20);
            suggestion.Property(s => s.EvidenceKind).HasMaxLength(20);
            suggestion.Property(s => s.PrimaryRule).HasMaxLength(60);
            suggestion.Property(s => s.Calibration).HasMaxLength(1000);
            suggestion.Property(s => s.ApprovedBy).HasMaxLength(40);
            suggestion.Property(s => s.TextHash).HasMaxLength(64);
            suggestion.Property(s => s.Version).IsConcurrencyToken();
            // At most one open suggestion per commitment and tag, whoever writes it.
            suggestion.HasIndex(s => new { s.CommitmentId, s.TagId }).IsUnique().HasFilter(WhereTrue("IsOpen"));
            suggestion.HasIndex(s => new { s.Status, s.Confidence });
            suggestion.HasIndex(s => new { s.CommitmentId, s.Status });
            // The calibration counts liaisons' decisions by tag, kind of evidence and rule.
            suggestion.HasIndex(s => new { s.Status, s.TagId, s.EvidenceKind, s.PrimaryRule });
            suggestion.HasOne<Tag>().WithMany().HasForeignKey(s => s.TagId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<CommitmentTag>(tagged =>
        {
            tagged.ToTable("CommitmentTags");
            tagged.HasKey(t => new { t.CommitmentId, t.TagId });
            tagged.Property(t => t.CommitmentId).HasMaxLength(40);
            tagged.Property(t => t.TagId).HasMaxLength(60);
            tagged.Property(t => t.Status).HasMaxLength(20);
            tagged.Property(t => t.ApprovedBy).HasMaxLength(40);
            tagged.Property(t => t.Version).IsConcurrencyToken();
            tagged.HasIndex(t => new { t.TagId, t.Status });
            tagged.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PolicyAreaMapping>(mapping =>
        {
            mapping.ToTable("TagPolicyAreas");
            mapping.HasKey(m => m.TagId);
            mapping.Property(m => m.TagId).HasMaxLength(60);
            mapping.Property(m => m.PolicyAreas).HasMaxLength(4000);
            mapping.Property(m => m.Version).IsConcurrencyToken();
            mapping.Ignore(m => m.PolicyAreaList);
            mapping.HasOne<Tag>().WithOne().HasForeignKey<PolicyAreaMapping>(m => m.TagId).OnDelete(DeleteBehavior.Restrict);
            mapping.HasData(PolicyAreaMapping.Seed);
        });
        modelBuilder.Entity<CalibrationPrior>(prior =>
        {
            prior.ToTable("CalibrationPriors");
            prior.HasKey(p => new { p.TagId, p.EvidenceKind });
            prior.Property(p => p.TagId).HasMaxLength(60);
            prior.Property(p => p.EvidenceKind).HasMaxLength(20);
            prior.HasOne<Tag>().WithMany().HasForeignKey(p => p.TagId).OnDelete(DeleteBehavior.Restrict);
            prior.HasData(CalibrationPrior.Seed);
        });
        modelBuilder.Entity<RecomputeJob>(job =>
        {
            job.ToTable("RecomputeJobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.Status).HasMaxLength(20);
            job.Property(j => j.RequestedBy).HasMaxLength(200);
            job.Property(j => j.Reason).HasMaxLength(1000);
            job.Property(j => j.LastCommitmentId).HasMaxLength(40);
            job.Property(j => j.Error).HasMaxLength(2000);
            // A batch saved by an instance whose lease another took over fails instead of overwriting the progress.
            job.Property(j => j.LockToken).IsConcurrencyToken();
            // At most one unfinished recomputation, whoever starts it.
            job.HasIndex(j => j.IsActive).IsUnique().HasFilter(WhereTrue("IsActive"));
        });
        modelBuilder.Entity<TagAuditEntry>(entry =>
        {
            entry.ToTable("TagAudit");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.CommitmentId).HasMaxLength(40);
            entry.Property(e => e.TagId).HasMaxLength(60);
            entry.Property(e => e.Action).HasMaxLength(20);
            entry.Property(e => e.Actor).HasMaxLength(200);
            entry.Property(e => e.Organisation).HasMaxLength(10);
            entry.Property(e => e.Reason).HasMaxLength(1000);
            entry.Property(e => e.Detail).HasMaxLength(4000);
            entry.HasIndex(e => new { e.CommitmentId, e.Id });
        });
    }

    /// <summary>An index filter on a true flag: PostgreSQL compares a boolean with TRUE, SQLite and SQL Server store 1.</summary>
    private string WhereTrue(string column) => Database.IsNpgsql() ? $"\"{column}\" = TRUE" : $"\"{column}\" = 1";
}

internal sealed class SqliteTaggingDb(DbContextOptions<SqliteTaggingDb> options) : TaggingDb(options);

internal sealed class SqlServerTaggingDb(DbContextOptions<SqlServerTaggingDb> options) : TaggingDb(options);

internal sealed class PostgresTaggingDb(DbContextOptions<PostgresTaggingDb> options) : TaggingDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => PostgresConventions.Apply(configurationBuilder);
}

internal sealed class SqliteTaggingDbFactory : IDesignTimeDbContextFactory<SqliteTaggingDb>
{
    public SqliteTaggingDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteTaggingDb>());
}

internal sealed class SqlServerTaggingDbFactory : IDesignTimeDbContextFactory<SqlServerTaggingDb>
{
    public SqlServerTaggingDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerTaggingDb>());
}

internal sealed class PostgresTaggingDbFactory : IDesignTimeDbContextFactory<PostgresTaggingDb>
{
    public PostgresTaggingDb CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres<PostgresTaggingDb>());
}
