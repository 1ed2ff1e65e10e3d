using System.Text.Json;
using System.Text;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

/// <summary>Posts, deltas, models and NDJSON for the engine tests.</summary>
internal static class TestData
{
    public const string ModelYaml = """
        concepts:
          - id: delivery
            name: Delivery
            query: 'delivery OR shipping'
          - id: price
            name: Price
            query: 'price OR expensive'
        brands:
          - id: acme
            name: Acme
            query: 'acme OR "acme corp"'
            competitors: [globex]
          - id: globex
            name: Globex
            query: 'globex'
          - id: initech
            name: Initech
            query: 'initech'
        """;

    public static CurrentModel Model() => new(ModelLoader.Parse(ModelYaml, "test-model.yaml"));

    public static Post Post(
        string id,
        DateTimeOffset createdAt,
        string? authorId = null,
        Network network = Network.X,
        long followers = 0,
        Gender gender = Gender.Unknown,
        int? age = null,
        string? country = null,
        string? language = null,
        Engagement engagement = default,
        DateOnly? purchaseDate = null,
        string text = "acme")
    {
        var author = new Author(authorId ?? "author-" + id, null, null, followers, false, gender, age, country);
        return new Post(id, network, createdAt, text, language, author, engagement, null, purchaseDate);
    }

    public static BrandDelta Delta(params (Post Post, string[] Concepts)[] posts)
    {
        var builder = new BrandDeltaBuilder();
        foreach (var (post, concepts) in posts)
        {
            builder.Add(post, PostAnalysis.Empty with { Concepts = concepts });
        }

        return builder.Build();
    }

    /// <summary>
    /// The <paramref name="batch"/>-th batch of a brand's mentions: posts spread over minutes, hours and
    /// days before <paramref name="now"/>, with every breakdown varied and some authors shared between batches.
    /// </summary>
    public static BrandDelta Batch(int batch, DateTimeOffset now)
    {
        Network[] networks = [Network.X, Network.Instagram, Network.Reddit, Network.News];
        string?[] countries = ["DE", "US", null, "FR"];
        string?[] languages = ["de", "en", null];
        Gender[] genders = [Gender.Female, Gender.Male, Gender.Unknown];
        string[][] concepts = [["delivery"], ["price"], ["delivery", "price"], []];
        var posts = new List<(Post, string[])>();
        for (var i = 0; i < 6; i++)
        {
            var n = (batch * 6) + i;
            var age = i switch
            {
                0 => TimeSpan.FromMinutes(2 + batch),
                1 => TimeSpan.FromMinutes(20 + (3 * batch)),
                2 => TimeSpan.FromHours(3 + batch),
                3 => TimeSpan.FromHours(30 + batch),
                4 => TimeSpan.FromDays(10 + batch),
                _ => TimeSpan.FromSeconds(30),
            };
            var post = Post(
                $"b{batch}-p{i}",
                now - age,
                authorId: $"author-{n % 9}",
                network: networks[n % networks.Length],
                followers: 10 + n,
                gender: genders[n % genders.Length],
                age: 14 + (n * 7 % 60),
                country: countries[n % countries.Length],
                language: languages[n % languages.Length],
                engagement: new Engagement(n, n % 3, 1, 100),
                purchaseDate: n % 4 == 0 ? new DateOnly(2026, 1 + (n % 12), 3) : null,
                text: n % 3 == 0 ? "acme #launch" : "acme");
            posts.Add((post, concepts[n % concepts.Length]));
        }

        return Delta([.. posts]);
    }

    /// <summary>One NDJSON line (no newline) for a post the engine accepts.</summary>
    public static string Line(string id, DateTimeOffset createdAt, string text, string? authorId = null, long followers = 0) =>
        JsonSerializer.Serialize(new
        {
            id,
            network = "x",
            createdAt = createdAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            text,
            lang = "en",
            author = new { id = authorId ?? "author-" + id, followers },
            engagement = new { likes = 1, shares = 0, comments = 0 },
        });

    public static byte[] Utf8(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    /// <summary>An alert with every field set to something distinctive.</summary>
    public static Alert Alert(DateTimeOffset minute) => new(
        StreamEngine.Domain.Alerts.Alert.IdOf("acme", EventTime.MinuteOf(minute), AlertMetric.NegativeMentions, AlertDirection.Spike),
        "acme", minute, AlertMetric.NegativeMentions, AlertDirection.Spike, AlertSeverity.High, 213, 9.763, 65.04,
        [new AlertDriver("concept", "delivery", 200, 1.5, 0.97), new AlertDriver("country", "DE", 240, 0, 0.99)]);
}
