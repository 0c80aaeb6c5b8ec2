namespace CommitmentTracker.Testing;

/// <summary>The checkout the tests and benchmarks run from (the folder holding CommitmentTracker.slnx).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CommitmentTracker.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CommitmentTracker.slnx above {AppContext.BaseDirectory}.");
    }
}
