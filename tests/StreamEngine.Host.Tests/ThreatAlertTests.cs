using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>Threats found in posted posts raise security alerts of the brand they target, once per author and kind.</summary>
public sealed class ThreatAlertTests : IDisposable
{
    private const string Security = """

          - id: delta
            name: Delta
            query: 'delta OR @delta'
            security:
              handles: ["@delta"]
              domains: [delta.com]
              executives: [Jane Doe]
        """;

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task An_impersonator_and_a_phishing_link_raise_security_alerts_once()
    {
        await using var engine = await CrisisFirehose.StartEngineAsync(_dir.Path, Security);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        string Line(string id, string handle, string text) =>
            JsonSerializer.Serialize(new { id, network = "x", createdAt = now, text, author = new { id = "a-" + handle, handle, followers = 3 } });

        var ndjson = string.Join('\n',
            Line("t1", "delta_support", "Hi! DM us your card number and we will fix your booking"),
            Line("t2", "delta_support", "Reply with your password so we can verify your account"),
            Line("t3", "traveller", "Refund here: https://delta-refund.com/claim before it expires"),
            Line("t4", "delta", "Our official account: we never ask for passwords"),
            Line("t5", "someone", "flying with delta again, lovely crew")) + "\n";
        var (status, body) = await engine.Http.PostNdjsonAsync(ndjson);
        Assert.True(status == 200, body.GetRawText());

        var alerts = new List<JsonElement>();
        await Eventually.HoldsAsync(async () =>
        {
            alerts = (await engine.Http.GetJsonAsync("/api/alerts?brand=delta")).GetProperty("alerts").EnumerateArray().ToList();
            return alerts.Count >= 2;
        }, "the security alerts kept");

        Assert.All(alerts, a => Assert.Equal("security", a.GetProperty("category").GetString()));
        var impersonation = Assert.Single(alerts, a => a.GetProperty("metric").GetString() == "impersonation");
        Assert.Equal("x/@delta_support", Driver(impersonation, "author"));
        Assert.Equal("x/t1", Driver(impersonation, "post"));
        Assert.Contains("@delta", Driver(impersonation, "evidence"), StringComparison.Ordinal);
        var phishing = Assert.Single(alerts, a => a.GetProperty("metric").GetString() == "phishing");
        Assert.Equal("x/t3", Driver(phishing, "post"));
        Assert.Contains("delta-refund.com", Driver(phishing, "evidence"), StringComparison.Ordinal);
        Assert.Equal(2, alerts.Count);

        // No dashboard listened to the alert stream: the normal state, not a message lost.
        Assert.DoesNotContain("DeadLetter", engine.Output, StringComparison.Ordinal);
    }

    private static string? Driver(JsonElement alert, string dimension) =>
        alert.GetProperty("drivers").EnumerateArray().First(d => d.GetProperty("dimension").GetString() == dimension).GetProperty("value").GetString();

    public void Dispose() => _dir.Dispose();
}
