using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>
/// The engine as a user runs it: the built host started as its own process on a free loopback
/// port, so tests exercise real Kestrel, real SQLite files and a real kill -9.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    // Kestrel binds a port of its own choosing and logs it. A port picked here and handed over
    // could be taken by another test's node in between; the test would then talk to that node.
    private const string ListeningOn = "Now listening on: ";

    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EngineProcess(Process process)
    {
        _process = process;
        // Longer than the 125 s a node may keep an ingest request waiting for its brands' writes.
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(150) };
    }

    /// <summary>The client of this node's endpoints, addressed once the node has said where it listens.</summary>
    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<EngineProcess> StartAsync(string dataDir, string modelPath, params string[] extraArgs)
    {
        var engine = Launch(dataDir, modelPath, extraArgs);
        await engine.WaitUntilAnsweringAsync(ready: true);
        return engine;
    }

    /// <summary>Starts the engine and waits only until its endpoints answer, ready or not (a node whose store is down never is).</summary>
    public static async Task<EngineProcess> StartListeningAsync(string dataDir, string modelPath, params string[] extraArgs)
    {
        var engine = Launch(dataDir, modelPath, extraArgs);
        await engine.WaitUntilAnsweringAsync(ready: false);
        return engine;
    }

    private static EngineProcess Launch(string dataDir, string modelPath, string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostAssembly())!,
        };

        // As README.md starts a node.
        info.Environment[JitProfiling.Variable] = JitProfiling.Value;
        foreach (var arg in new[] { HostAssembly(), "--urls", "http://127.0.0.1:0", "--data-dir", dataDir, "--model", modelPath }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the engine process did not start");
        var engine = new EngineProcess(process);
        process.OutputDataReceived += (_, e) => engine.Append(e.Data);
        process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    /// <summary>Starts the engine and waits for it to stop by itself (a refused start); its exit code and output, or null if it still ran after <paramref name="within"/>.</summary>
    public static async Task<(int? ExitCode, string Output)> RunUntilExitAsync(string dataDir, string modelPath, TimeSpan within, params string[] extraArgs)
    {
        await using var engine = Launch(dataDir, modelPath, extraArgs);
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await engine._process.WaitForExitAsync(timeout.Token);
            return (engine._process.ExitCode, engine.Output);
        }
        catch (OperationCanceledException)
        {
            return (null, engine.Output);
        }
    }

    /// <summary>
    /// Starts the engine and sends it SIGTERM as soon as its output holds <paramref name="text"/>;
    /// its exit code and output, or null if it still ran <paramref name="within"/> after the signal.
    /// </summary>
    public static async Task<(int? ExitCode, string Output)> StopOnceOutputHoldsAsync(string dataDir, string modelPath, string text, TimeSpan within, params string[] extraArgs)
    {
        await using var engine = Launch(dataDir, modelPath, extraArgs);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!engine.Output.Contains(text, StringComparison.Ordinal))
        {
            if (engine._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the engine's output never held '{text}':\n{engine.Output}");
            }

            await Task.Delay(10);
        }

        return (await engine.StopAsync(within), engine.Output);
    }

    /// <summary>Waits for the node to stop by itself; its exit code, or null if it still ran after <paramref name="within"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was durably journaled survives.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as an operator or an orchestrator stops a node; gives the exit code, or null if it had not exited in time.</summary>
    public async Task<int?> StopAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(within);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(bool ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the engine exited with code {_process.ExitCode}:\n{Output}");
            }

            if (!_listening.Task.IsCompleted)
            {
                await Task.WhenAny(_listening.Task, Task.Delay(100));
                continue;
            }

            Http.BaseAddress ??= await _listening.Task;

            try
            {
                using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK || !ready)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The listener is up but the node has not begun to answer.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the engine was not {(ready ? "ready" : "answering")} within 90 s:\n{Output}");
    }

    /// <summary>
    /// Waits until the node's output holds <paramref name="text"/>: the console logger writes from a
    /// queue of its own, so a line logged before the node was ready may reach the output after.
    /// </summary>
    public Task AssertLoggedAsync(string text) =>
        Eventually.HoldsAsync(() => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)), $"the node's log saying \"{text}\"");

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var at = line.IndexOf(ListeningOn, StringComparison.Ordinal);
        if (at >= 0)
        {
            var address = line.AsSpan(at + ListeningOn.Length);
            var end = address.IndexOfAny('"', ' ');
            _listening.TrySetResult(new Uri(end < 0 ? address.ToString() : address[..end].ToString()));
        }
    }

    /// <summary>A port free at the moment of asking, for what must be told its port in advance (a cluster's seed node).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host's own build output, next to its runtimeconfig and deps files (same configuration as the tests).</summary>
    private static string HostAssembly()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testDir.Name;
        var configuration = testDir.Parent!.Name;
        var path = Path.Combine(Repository.Root, "src", "StreamEngine.Host", "bin", configuration, framework, "StreamEngine.Host.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first: the host is missing", path);
    }
}
