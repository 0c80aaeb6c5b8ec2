using System.Diagnostics;

namespace CommitmentTracker.Benchmarks;

/// <summary>The checkout the benchmarks run from and the Release binaries they start (built beforehand, never by us).</summary>
internal static class Checkout
{
    public const string Configuration = "Release";
    public const string BuildCommand = "dotnet build CommitmentTracker.slnx -c Release";
    private const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static string Root { get; } = FindRoot();

    public static string EmbeddedHostDll => Dll("services", "CommitmentTracker.Host");

    public static string DistributedScript => Path.Combine(Root, "deploy", "local", "distributed.sh");

    /// <summary>What distributed.sh starts with CT_NO_BUILD=1.</summary>
    public static IReadOnlyList<string> DistributedDlls =>
    [
        Dll("services", "CommitmentTracker.ActionPlans"),
        Dll("services", "CommitmentTracker.Tagging"),
        Dll("services", "CommitmentTracker.Engagement"),
        Dll("services", "CommitmentTracker.Notifications"),
        Dll("gateway", "CommitmentTracker.Gateway"),
    ];

    /// <summary>Why the benchmark cannot run here (missing build output, no RabbitMQ), or null when it can.</summary>
    public static string? MissingPrerequisite(IEnumerable<string> dlls, bool needsRabbitMq)
    {
        var missing = dlls.Where(dll => !File.Exists(dll)).ToList();
        if (missing.Count > 0)
        {
            return $"The Release build of the services is missing:\n  {string.Join("\n  ", missing)}\n" +
                   $"Build it first, from {Root}:\n  {BuildCommand}\n(the benchmarks run these binaries; they do not build them).";
        }

        return needsRabbitMq && !File.Exists(RabbitMqServer)
            ? $"RabbitMQ is not installed ({RabbitMqServer} missing): apt-get install -y rabbitmq-server (distributed.sh runs its own node)."
            : null;
    }

    /// <summary>Short commit id of the checkout, with "+changes" when the working tree differs from it.</summary>
    public static string GitRevision()
    {
        var head = Git("rev-parse --short HEAD");
        if (head is null)
        {
            return "unknown";
        }

        return string.IsNullOrEmpty(Git("status --porcelain --untracked-files=no")) ? head : head + "+changes";
    }

    private static string Dll(string folder, string assembly) =>
        Path.Combine(Root, folder, assembly, "bin", Configuration, "net10.0", assembly + ".dll");

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git here: the revision is only informative
        }
    }

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
