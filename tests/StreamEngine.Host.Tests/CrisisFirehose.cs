using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>
/// Three hours of steady, mildly positive chatter about two competitors (alpha, beta) from the US
/// and France, and one minute in which beta has a delivery crisis in Germany: hundreds of angry
/// posts about its delivery. Seeded, and dated back from the given "now".
/// </summary>
internal sealed class CrisisFirehose
{
    public const int Minutes = 180;
    public const int CrisisMinute = 150;

    private static readonly string[] Calm =
    [
        "{0} has a fair price, happy with it", "tried {0} today, pretty good", "{0} price is ok I guess",
        "just ordered from {0}", "{0} is nice", "the {0} app works well",
    ];

    public CrisisFirehose(DateTimeOffset now, int seed = 17)
    {
        var random = new Random(seed);
        var start = now - TimeSpan.FromMinutes(Minutes + 2);
        CrisisStart = StartOfMinute(start + TimeSpan.FromMinutes(CrisisMinute));
        var lines = new StringBuilder();
        var id = 0;
        for (var m = 0; m < Minutes; m++)
        {
            var minute = StartOfMinute(start + TimeSpan.FromMinutes(m));
            foreach (var brand in new[] { "alpha", "beta" })
            {
                for (var p = 25 + random.Next(-5, 6); p > 0; p--)
                {
                    var text = string.Format(CultureInfo.InvariantCulture, Calm[random.Next(Calm.Length)], brand);
                    Line(lines, id++, minute.AddSeconds(random.Next(60)), text, random.Next(2) == 0 ? "US" : "FR", random);
                }
            }

            if (m == CrisisMinute)
            {
                for (var p = 0; p < 300; p++)
                {
                    Line(lines, id++, minute.AddSeconds(random.Next(60)), "beta delivery is a disaster, my parcel never came, terrible!", "DE", random);
                }
            }
        }

        Ndjson = lines.ToString();
    }

    public string Ndjson { get; }

    public DateTimeOffset CrisisStart { get; }

    /// <summary>Starts an engine on the sample model (with <paramref name="modelTail"/> appended) and a fresh store under <paramref name="dir"/>.</summary>
    public static async Task<EngineProcess> StartEngineAsync(string dir, string modelTail = "", params string[] args)
    {
        var model = Path.Combine(dir, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml + modelTail);
        return await EngineProcess.StartAsync(Path.Combine(dir, "data"), model, args);
    }

    /// <summary>Posts the whole firehose; returns once every post is journaled.</summary>
    public async Task PostToAsync(EngineProcess engine)
    {
        var (status, body) = await engine.Http.PostNdjsonAsync(Ndjson);
        Assert.True(status == 200, body.GetRawText());
    }

    /// <summary>
    /// Beta's alerts once the crisis's are all kept: a brand journals alerts just after the batch
    /// that raised them, so they may trail the ingest answer by a moment.
    /// </summary>
    public static async Task<List<JsonElement>> CrisisAlertsAsync(EngineProcess engine)
    {
        var alerts = new List<JsonElement>();
        await Eventually.HoldsAsync(async () =>
        {
            alerts = (await engine.Http.GetJsonAsync("/api/alerts?brand=beta")).GetProperty("alerts").EnumerateArray().ToList();
            return alerts.Any(a => a.GetProperty("metric").GetString() == "mentions")
                && alerts.Any(a => a.GetProperty("metric").GetString() == "negative-mentions");
        }, "the crisis's alerts kept");
        return alerts;
    }

    private static DateTimeOffset StartOfMinute(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / 60 * 60);

    private static void Line(StringBuilder lines, int id, DateTimeOffset createdAt, string text, string country, Random random)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", $"c{id}");
            json.WriteString("network", "x");
            json.WriteString("createdAt", createdAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteString("text", text);
            json.WriteString("lang", "en");
            json.WriteStartObject("author");
            json.WriteString("id", "u" + random.Next(5_000));
            json.WriteNumber("followers", random.Next(1_000));
            json.WriteString("country", country);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        lines.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
    }
}
