using System.Text.Json;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;

namespace StreamEngine.Host.Demo;

/// <summary>
/// Writes plausible posts about the model's brands for the demo firehose: popular brands are
/// mentioned more (a 1/rank law), concepts come from the model's own terms, and a fixed pool of
/// authors gives the unique-author and demographic breakdowns something to show.
/// </summary>
internal sealed class SyntheticPosts
{
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "ES", "BR", "IN", "JP", "CA", "AU"];
    // The demo writes English text; a few authors are tagged with other languages to show "unscored".
    private static readonly string[] Languages = ["en", "en", "en", "en", "en", "en", "en", "de", "fr", "ja"];
    private static readonly string[] Openers = ["Just tried", "Honestly", "Can't believe", "Thinking about", "Shoutout to", "Ugh,"];
    private static readonly string[] Closers = ["love it", "so disappointed", "not bad at all", "would buy again", "never again", "meh"];
    private static readonly Network[] Networks = [Network.X, Network.X, Network.Facebook, Network.Instagram, Network.TikTok, Network.Reddit, Network.YouTube, Network.News, Network.Blog, Network.Review];

    private readonly ListeningModel _model;
    private readonly Random _random;
    private readonly double[] _brandWeights;
    private long _sequence;

    public SyntheticPosts(ListeningModel model, int seed)
    {
        _model = model;
        _random = new Random(seed);
        _brandWeights = Enumerable.Range(1, model.Brands.Count).Select(rank => 1.0 / rank).ToArray();
        var total = _brandWeights.Sum();
        for (var i = 0; i < _brandWeights.Length; i++)
        {
            _brandWeights[i] /= total;
        }
    }

    /// <summary>Writes <paramref name="count"/> posts dated up to a minute before <paramref name="now"/>, one per line.</summary>
    public void Write(Stream output, int count, DateTimeOffset now)
    {
        using var json = new Utf8JsonWriter(output);
        for (var i = 0; i < count; i++)
        {
            WritePost(json, now);
            json.Flush();
            json.Reset();
            output.WriteByte((byte)'\n');
        }
    }

    private void WritePost(Utf8JsonWriter json, DateTimeOffset now)
    {
        var brand = _model.Brands[PickBrand()];
        var concept = _model.Concepts.Count > 0 && _random.NextDouble() < 0.6 ? _model.Concepts[_random.Next(_model.Concepts.Count)] : null;
        var author = _random.Next(5000);
        var network = Networks[_random.Next(Networks.Length)];
        var text = $"{Openers[_random.Next(Openers.Length)]} {brand.Name}"
            + (concept is null ? "" : $", the {SampleTerm(concept.Query)} part")
            + $": {Closers[_random.Next(Closers.Length)]} #{brand.Id}";

        json.WriteStartObject();
        json.WriteString("id", $"demo-{now.ToUnixTimeMilliseconds()}-{_sequence++}");
        json.WriteString("network", network.ToName());
        json.WriteString("createdAt", now.AddMilliseconds(-_random.Next(60_000)));
        json.WriteString("text", text);
        if (_random.NextDouble() < 0.9)
        {
            json.WriteString("lang", Languages[author % Languages.Length]);
        }

        json.WriteStartObject("author");
        json.WriteString("id", $"u{author}");
        json.WriteString("handle", $"user{author}");
        json.WriteNumber("followers", (long)(10 * Math.Pow(1 - _random.NextDouble(), -1.2)));
        json.WriteBoolean("verified", author % 97 == 0);
        json.WriteString("gender", (author % 3) switch { 0 => "female", 1 => "male", _ => "unknown" });
        if (author % 5 != 0)
        {
            json.WriteNumber("age", 14 + author % 60);
        }

        json.WriteString("country", Countries[author % Countries.Length]);
        json.WriteEndObject();
        json.WriteStartObject("engagement");
        json.WriteNumber("likes", _random.Next(200));
        json.WriteNumber("shares", _random.Next(30));
        json.WriteNumber("comments", _random.Next(50));
        json.WriteNumber("views", _random.Next(10_000));
        json.WriteEndObject();
        if (network == Network.Review)
        {
            json.WriteString("purchaseDate", DateOnly.FromDateTime(now.UtcDateTime.AddDays(-_random.Next(90))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    }

    /// <summary>A plain word or phrase of the query, to write a post that the query matches.</summary>
    private static string SampleTerm(ParsedQuery query) =>
        query.Literals.Select(l => l switch
            {
                TermNode { Prefix: WordPrefix.None } term => term.Word,
                PhraseNode phrase => string.Join(' ', phrase.Words),
                _ => null,
            })
            .FirstOrDefault(t => t is not null) ?? "";

    private int PickBrand()
    {
        var x = _random.NextDouble();
        for (var i = 0; i < _brandWeights.Length; i++)
        {
            x -= _brandWeights[i];
            if (x <= 0)
            {
                return i;
            }
        }

        return _brandWeights.Length - 1;
    }
}
