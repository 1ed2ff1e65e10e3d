using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>
/// A seeded NDJSON file with known content and malformed lines at known places, plus the figures
/// any correct engine must report for it, computed here without any engine code. Posts sit well
/// inside their windows (e.g. 2–8 minutes old for 15m, none at 10–20 minutes) so a minute passing
/// during the test cannot move one across a window edge.
/// </summary>
public sealed class SampleFirehose
{
    public const string ModelYaml = """
        concepts:
          - id: delivery
            name: Delivery
            query: 'delivery OR shipping'
          - id: price
            name: Price
            query: 'price OR "too expensive"'
        brands:
          - id: alpha
            name: Alpha
            query: 'alpha OR @alphaco'
            competitors: [beta]
          - id: beta
            name: Beta
            query: 'beta OR "beta labs"'
            competitors: [alpha]
          - id: gamma
            name: Gamma
            query: 'gamma OR #gammaday'
        """;

    public static readonly string[] Brands = ["alpha", "beta", "gamma"];
    public static readonly string[] Windows = ["15m", "1h", "24h", "7d", "30d"];

    private static readonly (string Window, TimeSpan From, TimeSpan To)[] Ages =
    [
        ("15m", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(8)),
        ("1h", TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40)),
        ("24h", TimeSpan.FromHours(2), TimeSpan.FromHours(20)),
        ("7d", TimeSpan.FromDays(2), TimeSpan.FromDays(5)),
        ("30d", TimeSpan.FromDays(10), TimeSpan.FromDays(25)),
        ("late", TimeSpan.FromDays(40), TimeSpan.FromDays(60)),
    ];

    private static readonly string[] BrandWords = ["Alpha", "ALPHA", "Álpha", "@alphaco", "beta", "Beta Labs", "gamma", "#GammaDay"];
    private static readonly string[] Networks = ["x", "facebook", "reddit", "review"];
    private static readonly string?[] Countries = ["US", "de", "FR", null];
    private static readonly string?[] Genders = ["female", "male", "unknown", null];
    private static readonly string?[] Languages = ["en", "en-GB", "de", "pt-BR", null];

    public SampleFirehose(int posts, int seed, DateTimeOffset now, string idPrefix = "p")
    {
        var random = new Random(seed);
        var lines = new List<string>();
        for (var i = 0; i < posts; i++)
        {
            var line = lines.Count + 1;
            if (BadLines.TryGetValue(line, out var bad))
            {
                lines.Add(bad.Json(now));
                continue;
            }

            if (line == BlankLine)
            {
                lines.Add("   ");
                continue;
            }

            var post = NewPost(random, idPrefix + i, now);
            Posts.Add(post);
            lines.Add(post.Json);
        }

        Ndjson = string.Join("\n", lines) + "\n";
    }

    /// <summary>Line number → the malformed line placed there and a word its error must contain.</summary>
    public static readonly Dictionary<int, (Func<DateTimeOffset, string> Json, string Mentions)> BadLines = new()
    {
        [3] = (_ => "{\"id\": \"broken\", \"text\": ", "JSON"),
        [10] = (now => $"{{\"id\":\"no-text\",\"createdAt\":\"{now:O}\"}}", "'text'"),
        [20] = (now => $"{{\"id\":\"bad-net\",\"network\":\"myspace\",\"createdAt\":\"{now:O}\",\"text\":\"alpha\"}}", "'network'"),
        [30] = (now => $"{{\"id\":\"future\",\"createdAt\":\"{now.AddHours(2):O}\",\"text\":\"alpha\"}}", "'createdAt'"),
        [40] = (now => $"{{\"id\":\"bad-age\",\"createdAt\":\"{now:O}\",\"text\":\"alpha\",\"author\":{{\"age\":-5}}}}", "'author.age'"),
        [41] = (_ => "[1, 2, 3]", "object"),
    };

    public const int BlankLine = 50;

    public List<SamplePost> Posts { get; } = [];

    public string Ndjson { get; }

    public int Accepted => Posts.Count;

    public int Late => Posts.Count(p => p.Window == "late");

    public int Unmatched => Posts.Count(p => p.Window != "late" && p.Brands.Count == 0);

    public IEnumerable<SamplePost> InWindow(string brand, string window)
    {
        var reach = Array.IndexOf(Windows, window);
        return Posts.Where(p => p.Brands.Contains(brand) && p.Window != "late" && Array.IndexOf(Windows, p.Window) <= reach);
    }

    private static SamplePost NewPost(Random random, string id, DateTimeOffset now)
    {
        var age = Ages[random.Next(Ages.Length)];
        var createdAt = now - age.From - TimeSpan.FromSeconds(random.NextDouble() * (age.To - age.From).TotalSeconds);
        var words = new List<string> { "today" };
        var brands = new HashSet<string>();
        if (random.NextDouble() < 0.9)
        {
            foreach (var w in BrandWords.OrderBy(_ => random.Next()).Take(1 + random.Next(2)))
            {
                words.Add(w);
                brands.Add(w.TrimStart('@', '#').ToLowerInvariant() switch
                {
                    "alpha" or "álpha" or "alphaco" => "alpha",
                    "beta" or "beta labs" => "beta",
                    _ => "gamma",
                });
            }
        }

        var concepts = new HashSet<string>();
        if (random.NextDouble() < 0.5)
        {
            words.Add(random.NextDouble() < 0.5 ? "shipping" : "delivery");
            concepts.Add("delivery");
        }

        if (random.NextDouble() < 0.3)
        {
            words.Add(random.NextDouble() < 0.5 ? "price" : "too expensive");
            concepts.Add("price");
        }

        var network = Networks[random.Next(Networks.Length)];
        var authorId = "u" + random.Next(300);
        var followers = random.Next(10_000);
        var gender = Genders[random.Next(Genders.Length)];
        int? authorAge = random.NextDouble() < 0.8 ? random.Next(10, 80) : null;
        var country = Countries[random.Next(Countries.Length)];
        var lang = Languages[random.Next(Languages.Length)];
        var (likes, shares, comments) = (random.Next(100), random.Next(20), random.Next(30));
        DateOnly? purchase = network == "review" ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(120)) : null;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("network", network);
            json.WriteString("createdAt", createdAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("text", string.Join(' ', words.OrderBy(_ => random.Next())) + "!");
            if (lang is not null)
            {
                json.WriteString("lang", lang);
            }

            json.WriteStartObject("author");
            json.WriteString("id", authorId);
            json.WriteNumber("followers", followers);
            if (gender is not null)
            {
                json.WriteString("gender", gender);
            }

            if (authorAge is { } a)
            {
                json.WriteNumber("age", a);
            }

            if (country is not null)
            {
                json.WriteString("country", country);
            }

            json.WriteEndObject();
            json.WriteStartObject("engagement");
            json.WriteNumber("likes", likes);
            json.WriteNumber("shares", shares);
            json.WriteNumber("comments", comments);
            json.WriteEndObject();
            if (purchase is { } d)
            {
                json.WriteString("purchaseDate", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        return new SamplePost(
            Encoding.UTF8.GetString(buffer.ToArray()),
            age.Window,
            brands,
            concepts,
            network,
            authorId,
            followers,
            likes + shares + comments,
            country?.ToUpperInvariant() ?? "unknown",
            gender ?? "unknown",
            AgeBand(authorAge),
            lang?.Split('-')[0] ?? "unknown",
            purchase?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "unknown");
    }

    private static string AgeBand(int? age) => age switch
    {
        null or < 13 => "unknown",
        < 18 => "13-17",
        < 25 => "18-24",
        < 35 => "25-34",
        < 45 => "35-44",
        < 55 => "45-54",
        < 65 => "55-64",
        _ => "65+",
    };
}

public sealed record SamplePost(
    string Json,
    string Window,
    HashSet<string> Brands,
    HashSet<string> Concepts,
    string Network,
    string AuthorId,
    long Followers,
    long Engagement,
    string Country,
    string Gender,
    string AgeBand,
    string Language,
    string Purchase)
{
    public string Segment(string by) => by switch
    {
        "network" => Network,
        "country" => Country,
        "gender" => Gender,
        "age" => AgeBand,
        "language" => Language,
        "purchase" => Purchase,
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "not a single-valued breakdown"),
    };
}
