using System.Reflection;

namespace CommitmentTracker.Architecture.Tests;

/// <summary>The assemblies and source folders the rules are about.</summary>
internal static class Codebase
{
    public static readonly string[] Services = ["ActionPlans", "Tagging", "Engagement", "Notifications"];

    /// <summary>Shared libraries: what every process may use, none of which may know a service.</summary>
    public static readonly string[] Libraries =
    [
        "CommitmentTracker.Contracts", "CommitmentTracker.Client", "CommitmentTracker.ServiceDefaults",
        "CommitmentTracker.Persistence", "CommitmentTracker.Messaging", "CommitmentTracker.Edge",
    ];

    public static Assembly Service(string name) => Assembly.Load($"CommitmentTracker.{name}");

    public static Assembly Load(string assemblyName) => Assembly.Load(assemblyName);

    /// <summary>Every assembly <paramref name="root"/> reaches through its references (its own excluded), by name.</summary>
    public static IReadOnlySet<string> Reachable(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (name.Name is null || !seen.Add(name.Name) || name.Name.StartsWith("System", StringComparison.Ordinal) || name.Name == "netstandard")
            {
                continue;
            }

            try
            {
                foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
                {
                    pending.Push(reference);
                }
            }
            catch (FileNotFoundException)
            {
                // A framework facade not deployed beside the tests: it references nothing of ours.
            }
        }

        return seen;
    }

    /// <summary>The repository's root folder (where CommitmentTracker.slnx is).</summary>
    public static DirectoryInfo Root { get; } = FindRoot();

    public static DirectoryInfo ServiceFolder(string name) => new(Path.Combine(Root.FullName, "services", $"CommitmentTracker.{name}"));

    /// <summary>The C# files of a project folder, without generated code (migrations, obj, bin).</summary>
    public static IEnumerable<FileInfo> SourceFiles(DirectoryInfo folder) =>
        folder.EnumerateFiles("*.cs", SearchOption.AllDirectories).Where(file =>
        {
            var segments = Path.GetRelativePath(folder.FullName, file.FullName).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return !segments.Contains("obj") && !segments.Contains("bin") && !segments.Contains("Migrations");
        });

    private static DirectoryInfo FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CommitmentTracker.slnx")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: CommitmentTracker.slnx not found above " + AppContext.BaseDirectory);
    }
}
