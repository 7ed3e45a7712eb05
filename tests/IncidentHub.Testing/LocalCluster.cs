using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IncidentHub.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from the binaries installed on this machine: a temporary data
/// folder, a free loopback port, trust authentication, durability off for speed. PostgreSQL
/// refuses to run as root, so as root the cluster belongs to the <c>postgres</c> user.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string binaries;

    private LocalCluster(string binaries, string dataDirectory, int port)
    {
        this.binaries = binaries;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Include Error Detail=true";

    public static async Task<LocalCluster> StartAsync()
    {
        var binaries = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), $"incidenthub-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var cluster = new LocalCluster(binaries, directory, FreePort());
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory]);
        }

        await cluster.RunPostgresAsync(
            "initdb",
            ["-D", Path.Combine(
                directory, "data"), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
        await cluster.RunPostgresAsync("pg_ctl", [
            "-D",
            Path.Combine(directory, "data"),
            "-l",
            Path.Combine(directory, "server.log"),
            "-w",
            "-t",
            "60",
            "start",
            "-o",
            $"-p {cluster.Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off -c max_connections=200",
        ]);
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPostgresAsync(
                "pg_ctl", ["-D", Path.Combine(DataDirectory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest PostgreSQL found: PG_BIN when set, else the Debian layout, else the PATH.</summary>
    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin =>
                    int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return debian
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(':')
                .FirstOrDefault(path => File.Exists(Path.Combine(path, "initdb")))
            ?? throw new InvalidOperationException(
                $"No PostgreSQL found for the tests: set {PostgresServer.ConnectionVariable} to a server's " +
                "connection string, start a Docker engine, or install PostgreSQL (apt-get install postgresql).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPostgresAsync(string program, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(binaries, program);
        return IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
