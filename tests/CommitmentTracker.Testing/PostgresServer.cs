using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace CommitmentTracker.Testing;

/// <summary>
/// A private PostgreSQL server from Debian's package, never the system service: <c>initdb</c> into its own temporary
/// data folder, <c>postgres</c> on a free loopback port with its socket in that folder, stopped (fast shutdown) on
/// dispose. As root it runs as the <c>postgres</c> OS user (the server refuses root). Durability is off (fsync), which
/// a test server does not need and which makes it quick. <see cref="Shared"/> is one server for the whole test
/// process; a test that stops its server (an outage) starts its own with <see cref="Start"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "postgres";
    private static readonly Lazy<(PostgresServer? Server, string? Unavailable)> SharedServer = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string binDirectory;
    private readonly bool asPostgresUser;
    private Process? process;
    private int databases;

    private PostgresServer(string binDirectory, string root, int port, bool asPostgresUser)
    {
        this.binDirectory = binDirectory;
        this.asPostgresUser = asPostgresUser;
        Root = root;
        Port = port;
    }

    /// <summary>The temporary folder holding the data folder and the socket.</summary>
    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string SocketDirectory => Path.Combine(Root, "socket");

    public int Port { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Why no server could be started here, or null when one runs.</summary>
    public static string? SharedUnavailable => SharedServer.Value.Unavailable;

    /// <summary>
    /// The test process's server, started on first use and stopped when the process exits. When it cannot start, the
    /// calling test fails under CI=true and is skipped otherwise.
    /// </summary>
    public static PostgresServer Shared
    {
        get
        {
            var (server, unavailable) = SharedServer.Value;
            if (server is not null)
            {
                return server;
            }

            FailOrSkip(unavailable!);
            throw new InvalidOperationException(unavailable);
        }
    }

    /// <summary>Fails the calling test under CI=true (the server must start there), skips it otherwise.</summary>
    public static void FailOrSkip(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true: this test needs its PostgreSQL server. " + reason);
        }

        Assert.Skip(reason);
    }

    /// <summary>
    /// A server of the calling test's own, for a test that stops it (an outage). When none can start, the test fails
    /// under CI=true and is skipped otherwise, as with <see cref="Shared"/>.
    /// </summary>
    public static PostgresServer StartForTest()
    {
        try
        {
            return Start();
        }
        catch (InvalidOperationException exception)
        {
            FailOrSkip(exception.Message);
            throw;
        }
    }

    /// <summary>A new server of its own (initdb, start); throws <see cref="InvalidOperationException"/> with the reason when it cannot.</summary>
    public static PostgresServer Start()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb): apt-get install postgresql, or run tests/run.sh which installs it.");
        var asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("ct-pg-").FullName;
        var server = new PostgresServer(bin, root, FreePort(), asPostgresUser);
        try
        {
            Directory.CreateDirectory(server.SocketDirectory);
            if (asPostgresUser)
            {
                Run("chown", ["-R", $"{User}:{User}", root], asPostgres: false);
            }

            server.RunTool("initdb", ["-D", server.DataDirectory, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            server.StartProcess();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> over TCP on loopback.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name starting with <paramref name="prefix"/>; returns its name.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        Execute($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>Drops <paramref name="database"/>, closing what is still connected to it.</summary>
    public void DropDatabase(string database)
    {
        NpgsqlConnection.ClearAllPools();
        if (IsRunning)
        {
            Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended), keeping its data folder; <see cref="Restart"/> brings it back.</summary>
    public void Stop()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                RunTool("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "20"]);
            }
        }
        catch (InvalidOperationException)
        {
            // pg_ctl could not stop it in time: the process is ended below.
        }

        if (!process.WaitForExit(5_000))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }

        process.Dispose();
        process = null;
    }

    /// <summary>Starts the stopped server again on the same port and data folder.</summary>
    public void Restart()
    {
        Stop();
        StartProcess();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
        catch (UnauthorizedAccessException)
        {
            // Left to the OS temp cleaner.
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void StartProcess()
    {
        string[] arguments =
        [
            "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", SocketDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=64MB", "-c", "log_min_messages=warning", "-c", "logging_collector=off",
        ];
        var log = Path.Combine(Root, "postgres.log");
        process = Process.Start(StartInfo(Path.Combine(binDirectory, "postgres"), arguments, asPostgresUser))
                  ?? throw new InvalidOperationException("postgres did not start.");
        process.ErrorDataReceived += (_, e) => AppendLog(log, e.Data);
        process.OutputDataReceived += (_, e) => AppendLog(log, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with {process.ExitCode} at start: {ReadLog(log)}");
            }

            try
            {
                Execute("SELECT 1");
                return;
            }
            catch (NpgsqlException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(100);
            }
        }
    }

    private void RunTool(string tool, string[] arguments) => Run(Path.Combine(binDirectory, tool), arguments, asPostgresUser);

    private static void Run(string file, string[] arguments, bool asPostgres)
    {
        using var tool = Process.Start(StartInfo(file, arguments, asPostgres)) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = tool.StandardOutput.ReadToEndAsync();
        var error = tool.StandardError.ReadToEndAsync();
        if (!tool.WaitForExit(60_000))
        {
            tool.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish within a minute.");
        }

        if (tool.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {tool.ExitCode}: {output.Result}{error.Result}");
        }
    }

    private static ProcessStartInfo StartInfo(string file, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "setpriv" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])[$"--reuid={User}", $"--regid={User}", "--init-groups", file])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The server's own messages in English whatever the machine's locale; no inherited PG* settings.
        start.Environment["LC_ALL"] = "C";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        return start;
    }

    private static (PostgresServer?, string?) StartShared()
    {
        try
        {
            var server = Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return (server, null);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or NpgsqlException)
        {
            return (null, "PostgreSQL could not be started: " + exception.Message);
        }
    }

    private static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("CT_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string Versions = "/usr/lib/postgresql";
        return Directory.Exists(Versions)
            ? Directory.GetDirectories(Versions)
                .Select(v => Path.Combine(v, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly Lock LogLock = new();

    private static void AppendLog(string path, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (LogLock)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no output)";
}
