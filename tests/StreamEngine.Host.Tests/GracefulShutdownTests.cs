namespace StreamEngine.Host.Tests;

/// <summary>
/// SIGTERM, as an operator or an orchestrator stops a node while the firehose runs: the node
/// drains its ingest graph while the brands can still journal, exits promptly and cleanly, and
/// every mention it had acknowledged is there after the restart.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    // A drain that waited on a stopped actor system used to hold the exit for the host's full 30 s shutdown timeout.
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();

    private static async Task<long> MentionsAsync(EngineProcess engine)
    {
        long total = 0;
        foreach (var brand in SampleFirehose.Brands)
        {
            total += (await engine.Http.GetJsonAsync($"/api/brands/{brand}/summary?window=30d")).GetProperty("mentions").GetInt64();
        }

        return total;
    }

    [Fact]
    public async Task SIGTERM_during_ingest_drains_the_graph_exits_cleanly_and_keeps_every_acknowledged_mention()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        var data = Path.Combine(_dir.Path, "data");
        long seen;
        string output;
        await using (var engine = await EngineProcess.StartAsync(data, model, "--demo"))
        {
            await Eventually.HoldsAsync(async () => await MentionsAsync(engine) > 0, "the demo firehose's first mentions");
            seen = await MentionsAsync(engine);

            var exitCode = await engine.StopAsync(ExitBound);

            output = engine.Output;
            Assert.True(exitCode is not null, $"the node had not exited {ExitBound.TotalSeconds} s after SIGTERM:\n{output}");
            Assert.Equal(0, exitCode);
        }

        Assert.DoesNotContain("unacknowledged chunks were dropped", output, StringComparison.Ordinal);

        // Logs are JSON lines, the last ones Akka prints as it stops too ("Remoting shut down" was plain text).
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), line =>
            Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(line).RootElement.ValueKind));

        // The demo firehose took the drain for a saturated graph and warned at every tick until the host stopped it.
        Assert.DoesNotContain("skipped a tick", output, StringComparison.Ordinal);
        await using var restarted = await EngineProcess.StartAsync(data, model);
        Assert.True(await MentionsAsync(restarted) >= seen, "mentions acknowledged before SIGTERM must survive the restart");
    }

    [Fact]
    public async Task A_body_sent_again_after_a_graceful_restart_counts_its_posts_once()
    {
        // A stopping node tells its senders to send again once it is back; its duplicate filter
        // must come back with it, or every post of a body sent twice counts twice.
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        var data = Path.Combine(_dir.Path, "data");
        var firehose = new SampleFirehose(300, seed: 11, DateTimeOffset.UtcNow);
        string figures;
        int journaled;
        await using (var engine = await EngineProcess.StartAsync(data, model))
        {
            var (status, first) = await engine.Http.PostNdjsonAsync(firehose.Ndjson);
            Assert.Equal(200, status);
            Assert.Equal(0, first.GetProperty("duplicates").GetInt32());
            journaled = first.GetProperty("accepted").GetInt32() - first.GetProperty("late").GetInt32() - first.GetProperty("unmatched").GetInt32();
            Assert.True(journaled > 100, $"{journaled} posts named a brand");
            figures = await engine.Http.AllFiguresAsync();
            Assert.Equal(0, await engine.StopAsync(ExitBound));
        }

        await using (var restarted = await EngineProcess.StartAsync(data, model))
        {
            var (status, again) = await restarted.Http.PostNdjsonAsync(firehose.Ndjson);
            Assert.Equal(200, status);
            Assert.Equal(journaled, again.GetProperty("duplicates").GetInt32());
            Assert.Equal(figures, await restarted.Http.AllFiguresAsync());
            await restarted.AssertLoggedAsync("Read the posts seen before the last stop");
            Assert.Equal(0, await restarted.StopAsync(ExitBound));
        }

        // The record goes with the store it speaks of: a store deleted (its journal gone) takes it
        // along, and the body sent to the node on a new store counts every post.
        foreach (var file in Directory.GetFiles(data, "streamengine.db*"))
        {
            File.Delete(file);
        }

        await using (var fresh = await EngineProcess.StartAsync(data, model))
        {
            var (status, anew) = await fresh.Http.PostNdjsonAsync(firehose.Ndjson);
            Assert.Equal(200, status);
            Assert.Equal(0, anew.GetProperty("duplicates").GetInt32());
            Assert.Equal(figures, await fresh.Http.AllFiguresAsync());
        }
    }

    [Fact]
    public async Task SIGTERM_answers_a_body_still_streaming_in_as_unread_and_does_not_wait_for_its_end()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        await using var engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model);
        var address = engine.Http.BaseAddress!;

        // A client sending a large body slowly, a few lines at a time, far less than a chunk: it
        // would go on for minutes.
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var line = System.Text.Encoding.UTF8.GetBytes(
            "{\"id\":\"slow\",\"createdAt\":\"" + DateTimeOffset.UtcNow.ToString("O") + "\",\"text\":\"alpha again\"}\n");
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /api/ingest HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000000\r\n\r\n"));
        using var sending = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            try
            {
                while (!sending.IsCancellationRequested)
                {
                    await stream.WriteAsync(line, sending.Token);
                    await Task.Delay(50, sending.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The node cut the connection, or the test is over.
            }
        });
        // Read to the end: the node closes the connection after its answer, whose head and body may
        // come in separate segments (a single read once saw the head alone).
        var answer = Task.Run(async () =>
        {
            using var received = new MemoryStream();
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    received.Write(buffer, 0, read);
                }
            }
            catch (IOException)
            {
                // Reset rather than closed: what came before is the answer.
            }

            return System.Text.Encoding.UTF8.GetString(received.ToArray());
        });

        var exitCode = await engine.StopAsync(ExitBound);
        await sending.CancelAsync();
        await sender;

        Assert.True(exitCode is not null, $"the node waited for the body to end: not exited {ExitBound.TotalSeconds} s after SIGTERM");
        Assert.Equal(0, exitCode);
        var response = await answer;
        Assert.StartsWith("HTTP/1.1 503", response, StringComparison.Ordinal);
        Assert.Contains("\"unreadFromLine\":1", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_while_the_node_starts_stops_it_cleanly()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);

        // Logged as the actor system starts, the first of the services the host starts: the host
        // handles the signal by then (before, the runtime ends the process with 143 at once).
        var (exitCode, output) = await EngineProcess.StopOnceOutputHoldsAsync(Path.Combine(_dir.Path, "data"), model, "Starting remoting", ExitBound);

        // A start cancelled by the signal ended in an unhandled exception and SIGABRT (exit code 134).
        Assert.True(exitCode is not null, $"the node had not exited {ExitBound.TotalSeconds} s after SIGTERM:\n{output}");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), line =>
            Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(line).RootElement.ValueKind));
    }

    [Fact]
    public async Task SIGTERM_ends_an_open_alert_stream_and_exits_promptly()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        await using var engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model);
        using var stream = await engine.Http.GetStreamAsync(new Uri("/api/alerts/stream", UriKind.Relative));
        using var reader = new StreamReader(stream);
        Assert.Equal(": subscribed", await reader.ReadLineAsync());

        var exitCode = await engine.StopAsync(ExitBound);

        Assert.True(exitCode is not null, $"the node had not exited {ExitBound.TotalSeconds} s after SIGTERM with a stream open:\n{engine.Output}");
        Assert.Equal(0, exitCode);

        // The stream ended as a response ends (reading it to the end throws on a reset), holding
        // nothing but keep-alive comments since it opened.
        var rest = await reader.ReadToEndAsync();
        Assert.All(rest.Split('\n'), line => Assert.True(line.Length == 0 || line.StartsWith(':'), line));
    }

    [Fact]
    public async Task SIGTERM_exits_promptly_while_the_store_cannot_be_reached()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        var nobodyListens = $"Host=127.0.0.1;Port={EngineProcess.FreePort()};Username=streamengine;Password=x;Database=streamengine;Timeout=2";
        await using var engine = await EngineProcess.StartListeningAsync(Path.Combine(_dir.Path, "data"), model, "--postgres", nobodyListens);
        await Eventually.HoldsAsync(
            async () => (await ReadinessAsync(engine)).Contains("PostgreSQL store cannot be reached", StringComparison.Ordinal),
            "readiness naming the unreachable store");

        var exitCode = await engine.StopAsync(ExitBound);

        // The brands' recovery asks wait for a store that never answers; stopping used to wait them out.
        Assert.True(exitCode is not null, $"the node had not exited {ExitBound.TotalSeconds} s after SIGTERM with its store unreachable:\n{engine.Output}");
    }

    private static async Task<string> ReadinessAsync(EngineProcess engine)
    {
        using var response = await engine.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => _dir.Dispose();
}
