using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests;

/// <summary>The embedded default (all four services in one process) in process.</summary>
internal sealed class EmbeddedHostFactory(IReadOnlyDictionary<string, string?>? settings = null, TestDatabase database = TestDatabase.Sqlite)
    : ServiceFactory<Program>(settings, database: database);
