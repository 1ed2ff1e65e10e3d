using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// Recovery timing: waits for /health/ready, then asks every brand for its summary (brand actors
/// start and replay on their first message) until each answers 200. Times are counted from
/// <c>--since-unix-ms</c> (the moment the host was started) or from the command's own start.
/// </summary>
public static class AwaitBrands
{
    public sealed record Result(int Brands, double ReadySeconds, double AllBrandsSeconds, double BrandsOnlySeconds, long SummaryMentionsTotal, int Retries);

    public static async Task<Result> RunAsync(Uri url, TimeSpan timeout, int parallel, long? sinceUnixMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Driver.IsLoopback(url))
        {
            throw new ArgumentException($"--url is {url}: not a loopback address; await-brands targets 127.0.0.1, ::1 or localhost only");
        }

        var origin = sinceUnixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UtcNow;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = parallel, UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

        string? unreachable = null;
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), deadline.Token);
                unreachable = null;
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException ex)
            {
                // Not listening yet: said so if it never does.
                unreachable = ex.Message;
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // The client's own timeout on a node too busy to answer yet: tried again.
            }

            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException) when (unreachable is not null && !cancellationToken.IsCancellationRequested)
            {
                throw new HttpRequestException($"nothing answered at {url} within --timeout ({unreachable})");
            }
        }

        var readyAt = DateTimeOffset.UtcNow;
        using var listing = await http.GetAsync(new Uri("/api/brands", UriKind.Relative), deadline.Token);
        using var doc = JsonDocument.Parse(await listing.Content.ReadAsStringAsync(deadline.Token));
        var brands = doc.RootElement.EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToArray();
        var retries = 0;
        long total = 0;
        var brandsStarted = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(brands, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = deadline.Token }, async (brand, ct) =>
        {
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"/api/brands/{brand}/summary?window=24h", UriKind.Relative), ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                        Interlocked.Add(ref total, summary.RootElement.GetProperty("mentions").GetInt64());
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // retried below
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    // an HttpClient timeout: retried below
                }

                Interlocked.Increment(ref retries);
                await Task.Delay(50, ct);
            }
        });

        var doneAt = DateTimeOffset.UtcNow;
        return new Result(brands.Length, (readyAt - origin).TotalSeconds, (doneAt - origin).TotalSeconds,
            Stopwatch.GetElapsedTime(brandsStarted).TotalSeconds, total, retries);
    }

    public static string Table(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"brands {r.Brands}: ready after {r.ReadySeconds:0.000} s, every brand answered after {r.AllBrandsSeconds:0.000} s ({r.AllBrandsSeconds - r.ReadySeconds:0.000} s after ready, {r.BrandsOnlySeconds:0.000} s of them for the summaries), {r.SummaryMentionsTotal:N0} mentions in 24h summaries, {r.Retries} retries");
}
