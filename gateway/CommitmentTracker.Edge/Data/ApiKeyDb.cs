using CommitmentTracker.Edge.Keys;
using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Edge.Data;

/// <summary>
/// The key store: the embedded host's and the gateway's own small database (not a service's, so no outbox). The
/// provider subclasses exist only so each provider has its own migrations.
/// </summary>
internal abstract class ApiKeyDb(DbContextOptions options) : DbContext(options)
{
    public const string ConnectionName = "ApiKeys";

    public DbSet<IssuedApiKey> Keys => Set<IssuedApiKey>();
    public DbSet<KeyStoreGeneration> Generations => Set<KeyStoreGeneration>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IssuedApiKey>(key =>
        {
            key.ToTable("ApiKeys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(40);
            key.Property(k => k.Name).HasMaxLength(ApiKeyRules.MaxNameLength);
            key.Property(k => k.SecretHash).HasMaxLength(64).IsUnicode(false);
            key.HasIndex(k => k.SecretHash).IsUnique();
            key.Property(k => k.Roles).HasMaxLength(100);
            key.Property(k => k.Organisation).HasMaxLength(10);
            key.Property(k => k.MemberScope).HasMaxLength(2000);
            key.Property(k => k.CreatedBy).HasMaxLength(200);
            key.HasIndex(k => k.CreatedAt);
        });
        modelBuilder.Entity<KeyStoreGeneration>(generation =>
        {
            generation.ToTable("KeyStoreGenerations");
            generation.HasKey(g => g.Id);
            generation.Property(g => g.Id).ValueGeneratedNever();
            generation.HasData(new KeyStoreGeneration { Id = KeyStoreGeneration.SingleId, Revocations = 0 });
        });
    }
}

internal sealed class SqliteApiKeyDb(DbContextOptions<SqliteApiKeyDb> options) : ApiKeyDb(options);

internal sealed class SqlServerApiKeyDb(DbContextOptions<SqlServerApiKeyDb> options) : ApiKeyDb(options);

internal sealed class PostgresApiKeyDb(DbContextOptions<PostgresApiKeyDb> options) : ApiKeyDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => PostgresConventions.Apply(configurationBuilder);
}

internal sealed class SqliteApiKeyDbFactory : IDesignTimeDbContextFactory<SqliteApiKeyDb>
{
    public SqliteApiKeyDb CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteApiKeyDb>());
}

internal sealed class SqlServerApiKeyDbFactory : IDesignTimeDbContextFactory<SqlServerApiKeyDb>
{
    public SqlServerApiKeyDb CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerApiKeyDb>());
}

internal sealed class PostgresApiKeyDbFactory : IDesignTimeDbContextFactory<PostgresApiKeyDb>
{
    public PostgresApiKeyDb CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres<PostgresApiKeyDb>());
}
