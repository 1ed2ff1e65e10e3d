using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL server from the machine's own binaries (initdb, pg_ctl) on a free
/// loopback port, removed afterwards. PostgreSQL refuses to run as root, so under root the server
/// runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "streamengine-pg", Guid.NewGuid().ToString("N"));
    private int _port;
    private bool _running;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        if (Environment.UserName == "root" && !OperatingSystem.IsWindows())
        {
            // Only this server's own directory: servers of other test classes (and other test runs)
            // start and stop beside it, and a recursive walk over theirs fails as their files come and go.
            var parent = Path.GetDirectoryName(_dir)!;
            File.SetUnixFileMode(parent, File.GetUnixFileMode(parent) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            await RunAsync("chown", "postgres", _dir);
        }

        await RunAsPostgresAsync("initdb", "-D", Path.Combine(_dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            try
            {
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was free when picked, and may not be when the server binds it: other
                // classes' servers and nodes start beside this one. (Once, all four tests of a class
                // failed on their server's start in a full run, and passed when run again.)
            }
        }
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public async Task StartAsync()
    {
        await RunAsPostgresAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-w", "-t", "60", "-l", Path.Combine(_dir, "server.log"),
            "-o", $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        _running = true;
    }

    /// <summary>Stops the server at once, as a crash would: connections are cut, nothing waits for clients.</summary>
    public async Task StopAsync()
    {
        await RunAsPostgresAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop");
        _running = false;
    }

    public async Task CreateDatabaseAsync(string name) =>
        await RunAsPostgresAsync("psql", "-h", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-c", $"CREATE DATABASE \"{name}\"");

    public async Task DisposeAsync()
    {
        try
        {
            // A test that failed while the server was stopped leaves it so: stopping it again would fail the cleanup too.
            if (_running)
            {
                await StopAsync();
            }
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static Task RunAsPostgresAsync(string program, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args])
            : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
