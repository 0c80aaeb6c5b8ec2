using CommitmentTracker.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Tagging.Data;

/// <summary>The Tagging database. The provider subclasses exist only so each provider has its own migrations.</summary>
internal abstract class TaggingDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Tag> Tags => Set<Tag>();

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
            tag.HasData(TagVocabulary.Seed);
        });
    }
}

internal sealed class SqliteTaggingDb(DbContextOptions<SqliteTaggingDb> options) : TaggingDb(options);

internal sealed class SqlServerTaggingDb(DbContextOptions<SqlServerTaggingDb> options) : TaggingDb(options);

internal sealed class SqliteTaggingDbFactory : IDesignTimeDbContextFactory<SqliteTaggingDb>
{
    public SqliteTaggingDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteTaggingDb>());
}

internal sealed class SqlServerTaggingDbFactory : IDesignTimeDbContextFactory<SqlServerTaggingDb>
{
    public SqlServerTaggingDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerTaggingDb>());
}
