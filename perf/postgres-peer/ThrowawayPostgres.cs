using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace StreamEngine.PostgresPeer;

/// <summary>
/// A PostgreSQL server for one run: initdb into a fresh directory owned by the postgres user (the
/// binaries refuse to run as root, so every one runs through <c>runuser -u postgres</c>), started on a
/// free loopback port, stopped and removed on dispose, or when the run is stopped by a signal
/// (run.sh bounds each run with <c>timeout</c>), which would otherwise leave the server running.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _dir;
    // Kept for the process's life: a signal after a normal stop finds nothing left to do.
    private readonly List<PosixSignalRegistration> _signals = [];
    private bool _running;
    private int _disposed;

    private ThrowawayPostgres(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A signal is stopping the run: what fails from now on is the server going away.</summary>
    public static bool Stopping { get; private set; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=64;Timeout=30;Command Timeout=300;No Reset On Close=true";

    public static ThrowawayPostgres Start(string settings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pgpeer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        Run("chown", "postgres:postgres", dir);
        var port = FreePort();
        var pg = new ThrowawayPostgres(dir, port);
        try
        {
            RunAsPostgres("initdb", "-D", Path.Combine(dir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            var options = $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 {settings}";
            RunAsPostgres("pg_ctl", "-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", options, "start");
            pg._running = true;
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
            {
                pg._signals.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    // The run fails as the server goes (Program waits on Stopping), then the process
                    // ends as the signal asked, once the server and its directory are gone.
                    context.Cancel = true;
                    Stopping = true;
                    pg.Dispose();
                    Environment.Exit(128 + (context.Signal == PosixSignal.SIGINT ? 2 : context.Signal == PosixSignal.SIGQUIT ? 3 : 15));
                }));
            }

            return pg;
        }
        catch
        {
            pg.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_running)
        {
            try
            {
                RunAsPostgres("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "-t", "60", "stop");
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"stopping PostgreSQL: {ex.Message}");
            }

            _running = false;
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"removing {_dir}: {ex.Message}");
        }
    }

    private static void RunAsPostgres(string program, params string[] args) => Run("runuser", ["-u", "postgres", "--", program, .. args]);

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/tmp" };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
