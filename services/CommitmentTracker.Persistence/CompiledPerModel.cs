using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CommitmentTracker.Persistence;

/// <summary>
/// An EF Core compiled query, compiled once per model rather than once per process: a compiled query refuses to run
/// against a model other than the one it was first run with, and each provider's context has its own model (a test
/// process runs the same service on SQLite and on PostgreSQL).
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return compiled.GetValue(db.Model, _ => compile());
    }
}
