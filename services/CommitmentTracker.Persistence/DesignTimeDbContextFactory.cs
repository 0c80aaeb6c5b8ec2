using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Persistence;

/// <summary>Options for <c>dotnet ef</c> and the model-versus-migrations test: the model, not a live database.</summary>
public static class DesignTimeOptions
{
    public static DbContextOptions<TContext> Sqlite<TContext>() where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options;

    public static DbContextOptions<TContext> SqlServer<TContext>() where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseSqlServer("Server=design-time;Database=design-time;Trusted_Connection=True").Options;

    public static DbContextOptions<TContext> Postgres<TContext>() where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=design-time;Database=design-time").Options;
}
