using System.Net;
using Microsoft.Data.Sqlite;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>
/// A brand whose journal rows no longer read back (a damaged file, a row edited by hand) must not
/// hold the node out of service, nor leave its dashboards waiting on a timeout that explains
/// nothing: the node becomes ready naming the brand, the brand answers 503 with the store's cause,
/// and every other brand answers as before.
/// </summary>
public sealed class UnrecoveredBrandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SampleFirehose _sample = new(posts: 300, seed: 5, now: DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_brand_whose_journal_does_not_read_back_answers_503_with_the_cause_while_the_others_serve()
    {
        var data = Path.Combine(_dir.Path, "data");
        string alphaBefore;
        await using (var engine = await CrisisFirehose.StartEngineAsync(_dir.Path))
        {
            var (status, body) = await engine.Http.PostNdjsonAsync(_sample.Ndjson);
            Assert.True(status == 200, body.GetRawText());
            alphaBefore = (await engine.Http.GetJsonAsync("/api/brands/alpha/summary?window=30d")).GetProperty("mentions").GetRawText();
            engine.KillHard();
        }

        GarbleJournalRows(Path.Combine(data, "streamengine.db"), "brand-beta");

        await using var restarted = await EngineProcess.StartAsync(data, Path.Combine(_dir.Path, "model.yaml"));
        var ready = await restarted.Http.GetJsonAsync("/health/ready");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Contains("beta", ready.GetProperty("reason").GetString(), StringComparison.Ordinal);

        using var beta = await restarted.Http.GetAsync(new Uri("/api/brands/beta/summary", UriKind.Relative));
        var error = await beta.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, beta.StatusCode);
        Assert.Contains("brand 'beta' could not recover", error, StringComparison.Ordinal);
        Assert.Contains("brand-beta", error, StringComparison.Ordinal);

        var alpha = await restarted.Http.GetJsonAsync("/api/brands/alpha/summary?window=30d");
        Assert.Equal(alphaBefore, alpha.GetProperty("mentions").GetRawText());
        await Eventually.HoldsAsync(() => Task.FromResult(restarted.Output.Contains("2 of 3 brands recovered", StringComparison.Ordinal)), "the warm-up's log line");

        // Ingest names the cause too, and journals what the other brands were sent.
        var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var (resent, answer) = await restarted.Http.PostNdjsonAsync(
            $$"""{"id":"after-1","createdAt":"{{at}}","text":"beta again"}""" + "\n" + $$"""{"id":"after-2","createdAt":"{{at}}","text":"alpha again"}""" + "\n");
        Assert.Equal(503, resent);
        Assert.Contains("brand 'beta' could not recover", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        var alphaAfter = await restarted.Http.GetJsonAsync("/api/brands/alpha/summary?window=30d");
        Assert.Equal(alpha.GetProperty("mentions").GetInt64() + 1, alphaAfter.GetProperty("mentions").GetInt64());
    }

    private static void GarbleJournalRows(string file, string persistenceId)
    {
        using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE journal SET message = x'00010203' WHERE persistence_id = $id";
            command.Parameters.AddWithValue("$id", persistenceId);
            Assert.True(command.ExecuteNonQuery() > 0, $"{persistenceId} has no journal rows to garble");
        }

        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _dir.Dispose();
}
