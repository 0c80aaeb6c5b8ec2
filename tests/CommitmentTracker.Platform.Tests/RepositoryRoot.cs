namespace CommitmentTracker.Platform.Tests;

/// <summary>The checkout the tests run from (the folder holding CommitmentTracker.slnx).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CommitmentTracker.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CommitmentTracker.slnx above {AppContext.BaseDirectory}.");
    }
}
