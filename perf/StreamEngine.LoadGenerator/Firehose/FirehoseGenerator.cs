using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StreamEngine.Domain.Model;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>
/// Writes a realistic synthetic firehose for a model, reproducibly from a seed: Zipf brand
/// popularity, texts mixing brand and concept terms with sentiment words, hashtags, @mentions, emoji
/// and URLs in several languages, authors with Pareto follower counts and demographics drawn from
/// configurable distributions, a share of late posts and a share of repeated ids.
/// Each line starts <c>{"id":"{prefix}-{12 digits}"</c>, so a pool of lines can be sent many times
/// with fresh ids by rewriting those digits in place (<see cref="PostPool"/>).
/// </summary>
public sealed class FirehoseGenerator
{
    public const int IdDigits = 12;
    private const int RecentLines = 4096;

    private readonly ListeningModel _model;
    private readonly FirehoseOptions _o;
    private readonly Random _random;
    private readonly int[] _brandIndices;
    private readonly Discrete? _brandPick;
    private readonly Discrete? _conceptPick;
    private readonly Discrete _authorPick;
    private readonly WeightedNames _networks;
    private readonly WeightedNames _languages;
    private readonly WeightedNames _countries;
    private readonly WeightedNames _genders;
    private readonly WeightedNames _ages;
    private readonly int _probeIndex = -1;
    private readonly IReadOnlyList<IReadOnlyList<SurfaceTerm>>[] _brandTerms;
    private readonly IReadOnlyList<IReadOnlyList<SurfaceTerm>>[] _conceptTerms;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly StringBuilder _text = new(512);
    private readonly byte[][] _recent = new byte[RecentLines][];
    private readonly long[] _recentIds = new long[RecentLines];
    private long _recentCount;
    private long _brandPosts;
    private long _lines;

    // Where a file being written is (line and lines in all), so that spread times come in order.
    private long _fileLine;
    private long _fileLines;

    public FirehoseGenerator(ListeningModel model, FirehoseOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IdPrefix.Length == 0 || !options.IdPrefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"--id-prefix is '{options.IdPrefix}': expected ASCII letters and digits");
        }

        _model = model;
        _o = options;
        _random = new Random(options.Seed);
        if (options.ProbeBrand is { } probe)
        {
            _probeIndex = Enumerable.Range(0, model.Brands.Count).FirstOrDefault(i => model.Brands[i].Id == probe, -1);
            if (_probeIndex < 0)
            {
                throw new ArgumentException($"--probe-brand is '{probe}': no brand of the model has that id");
            }
        }

        _brandTerms = model.Brands.Select(b => QueryTerms.Alternatives(b.Query.Source)).ToArray();
        _conceptTerms = model.Concepts.Select(c => QueryTerms.Alternatives(c.Query.Source)).ToArray();
        for (var i = 0; i < _brandTerms.Length; i++)
        {
            if (_brandTerms[i].Count == 0)
            {
                throw new ArgumentException($"brand '{model.Brands[i].Id}': no term of its query can be written into a post");
            }
        }

        _brandIndices = Enumerable.Range(0, model.Brands.Count).Where(i => i != _probeIndex).ToArray();
        if (_brandIndices.Length == 0)
        {
            throw new ArgumentException("the model needs a brand besides the probe brand");
        }

        _brandPick = options.BrandPick switch
        {
            BrandPick.Zipf => Discrete.Zipf(_brandIndices.Length, options.ZipfExponent),
            BrandPick.Uniform => Discrete.Uniform(_brandIndices.Length),
            _ => null,
        };
        _conceptPick = _conceptTerms.Any(t => t.Count > 0)
            ? new Discrete(_conceptTerms.Select((t, rank) => t.Count == 0 ? 0 : 1.0 / Math.Pow(rank + 1, 0.8)).ToArray())
            : null;
        _authorPick = Discrete.Zipf(Math.Max(1, options.Authors), options.AuthorZipfExponent);
        _networks = WeightedNames.Parse(options.Networks);
        _languages = WeightedNames.Parse(options.Languages);
        _countries = WeightedNames.Parse(options.Countries);
        _genders = WeightedNames.Parse(options.Genders);
        _ages = WeightedNames.Parse(options.Ages);
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary>Byte offset, within each line, of the id's first digit.</summary>
    public int IdDigitsOffset => "{\"id\":\"".Length + _o.IdPrefix.Length + 1;

    /// <summary>Lines written so far (duplicates included).</summary>
    public long Lines => _lines;

    /// <summary>
    /// The next line, newline included, and the number its id carries; a duplicate carries the
    /// number of the line it repeats.
    /// </summary>
    public (byte[] Line, long IdNumber) Next()
    {
        _lines++;
        if (_recentCount > 0 && _o.DuplicateShare > 0 && _random.NextDouble() < _o.DuplicateShare)
        {
            var back = (int)Math.Min(_recentCount, RecentLines);
            var slot = (int)((_recentCount - 1 - _random.Next(back)) % RecentLines);
            return (_recent[slot], _recentIds[slot]);
        }

        var idNumber = _lines - 1;
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        WritePost(idNumber);
        _json.Flush();
        var line = new byte[_buffer.WrittenCount + 1];
        _buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        var at = (int)(_recentCount++ % RecentLines);
        _recent[at] = line;
        _recentIds[at] = idNumber;
        return (line, idNumber);
    }

    /// <summary>Writes <paramref name="count"/> lines of NDJSON to <paramref name="output"/>.</summary>
    public void WriteTo(Stream output, long count)
    {
        ArgumentNullException.ThrowIfNull(output);
        _fileLines = count;
        for (var i = 0L; i < count; i++)
        {
            _fileLine = i;
            output.Write(Next().Line);
        }

        _fileLines = 0;
    }

    /// <summary>
    /// Generates <paramref name="posts"/> lines rounded up to whole batches of <paramref name="batch"/>
    /// lines: a paced sender gives every request a batch's share of the rate, and a short last batch
    /// offered less than it said (--pool-posts 2500 --batch 1000 sent 5,000 posts/s at "6,000 offered").
    /// </summary>
    public PostPool Pool(int posts, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(posts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var batchCount = (posts + batch - 1) / batch;
        var batches = new List<PoolBatch>(batchCount);
        var lines = new List<(byte[] Line, long Id)>(batch);
        for (var b = 0; b < batchCount; b++)
        {
            for (var i = 0; i < batch; i++)
            {
                lines.Add(Next());
            }

            batches.Add(PoolBatch.From(lines));
            lines.Clear();
        }

        return new PostPool(batches, (long)batchCount * batch, IdDigitsOffset, DateTimeOffset.UtcNow);
    }

    /// <summary>A post that mentions only <paramref name="brandId"/>, dated <paramref name="at"/>, for freshness probes.</summary>
    public byte[] ProbeLine(string brandId, string id, DateTimeOffset at)
    {
        var index = Enumerable.Range(0, _model.Brands.Count).FirstOrDefault(i => _model.Brands[i].Id == brandId, -1);
        if (index < 0)
        {
            throw new ArgumentException($"brand '{brandId}' is not in the model");
        }

        var alternatives = _brandTerms[index];
        var probe = alternatives.FirstOrDefault(a => a is [{ Kind: TermKind.Word }]) ?? alternatives[0];
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("id", id);
        _json.WriteString("network", "x");
        _json.WriteString("createdAt", at.ToString(PostTime.Format, CultureInfo.InvariantCulture));
        _json.WriteString("text", $"freshness probe: {Written(probe, 0)} is here");
        _json.WriteString("lang", "en");
        _json.WriteStartObject("author");
        _json.WriteString("id", "probe");
        _json.WriteNumber("followers", 1);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        var line = new byte[_buffer.WrittenCount + 1];
        _buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        return line;
    }

    private void WritePost(long idNumber)
    {
        var author = PickAuthor();
        var network = _networks.Sample(_random.NextDouble());
        var language = author.Language;
        var book = Phrasebook.ByLanguage.TryGetValue(language, out var b) ? b : Phrasebook.ByLanguage["en"];
        BuildText(book);
        var late = _o.LateShare > 0 && _random.NextDouble() < _o.LateShare;
        var createdAt = late ? _o.Now - TimeSpan.FromDays(30.5 + 29 * _random.NextDouble()) : EventTime();

        _json.WriteStartObject();
        _json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"{_o.IdPrefix}-{idNumber.ToString("D" + IdDigits, CultureInfo.InvariantCulture)}"));
        _json.WriteString("network", network);
        _json.WriteString("createdAt", createdAt.ToString(PostTime.Format, CultureInfo.InvariantCulture));
        _json.WriteString("text", _text.ToString());
        if (language != "xx")
        {
            _json.WriteString("lang", language == "pt" && _random.NextDouble() < 0.6 ? "pt-BR" : language);
        }

        _json.WriteStartObject("author");
        if (author.HasId)
        {
            _json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"a{author.Index}"));
        }

        _json.WriteString("handle", string.Create(CultureInfo.InvariantCulture, $"user{author.Index}"));
        _json.WriteNumber("followers", author.Followers);
        _json.WriteBoolean("verified", author.Verified);
        if (author.Gender is { } gender)
        {
            _json.WriteString("gender", gender);
        }

        if (author.Age is { } age)
        {
            _json.WriteNumber("age", age);
        }

        if (author.Country is { } country)
        {
            _json.WriteString("country", country);
        }

        _json.WriteEndObject();

        var reachFactor = Math.Exp(Gaussian() * 1.2);
        var likes = (long)(author.Followers * 0.004 * reachFactor) + _random.Next(3);
        _json.WriteStartObject("engagement");
        _json.WriteNumber("likes", likes);
        _json.WriteNumber("shares", (long)(likes * 0.12 * _random.NextDouble()));
        _json.WriteNumber("comments", (long)(likes * 0.25 * _random.NextDouble()));
        _json.WriteNumber("views", (long)(author.Followers * (0.05 + 0.6 * _random.NextDouble())) + _random.Next(50));
        _json.WriteEndObject();

        if (_random.NextDouble() < 0.3)
        {
            _json.WriteString("url", string.Create(CultureInfo.InvariantCulture, $"https://social.example/{network}/{_o.IdPrefix}{idNumber}"));
        }

        if (network == "review" || _random.NextDouble() < 0.02)
        {
            var bought = _o.Now.UtcDateTime.Date.AddDays(-_random.Next(365));
            _json.WriteString("purchaseDate", bought.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        _json.WriteEndObject();
    }

    private DateTimeOffset EventTime()
    {
        if (_o.BrandPick == BrandPick.Sweep)
        {
            // A second within the swept minute (none after now), so that every minute gets its post.
            var minute = (_brandPosts - 1) % _o.SweepPositions * _o.SweepStepMinutes;
            var at = _o.Now - TimeSpan.FromMinutes(minute);
            var intoMinute = TimeSpan.FromTicks(at.UtcTicks % TimeSpan.TicksPerMinute);
            return at - intoMinute + TimeSpan.FromSeconds(_random.Next(minute == 0 ? Math.Max(1, (int)intoMinute.TotalSeconds) : 60));
        }

        if (_o.SpreadHours > 0)
        {
            // A file goes through the hours in order, oldest first, as a backfill or a firehose
            // arrives; a pool's lines, sent over and over, take any time of the spread. Written in any
            // order, every batch held every hour, and influencer rankings read a handful of posts.
            var share = _fileLines > 0 ? (_fileLine + _random.NextDouble()) / _fileLines : _random.NextDouble();
            return _o.Now - TimeSpan.FromHours(_o.SpreadHours * (1 - share));
        }

        var lag = -Math.Log(1 - _random.NextDouble()) * _o.LagMeanSeconds;
        return _o.Now - TimeSpan.FromSeconds(Math.Min(lag, 24 * 3600 - 60));
    }

    private void BuildText(Phrasebook book)
    {
        _text.Clear();
        var brands = PickBrands();
        if (_o.BrandPick == BrandPick.Sweep)
        {
            _text.Append(Pick(book.Openers));
            foreach (var brand in brands)
            {
                _text.Append(' ').Append(BrandSurface(brand)).Append(',');
            }

            _text.Append(' ').Append(Pick(book.Positive));
            AppendExtra(book);
            return;
        }

        var subject = brands.Count == 0 ? Pick(book.OffTopic) : BrandSurface(brands[0]);
        var sentiment = _random.Next(10) switch
        {
            < 4 => Pick(book.Positive),
            < 8 => Pick(book.Negative),
            _ => Pick(book.Neutral),
        };
        switch (_random.Next(4))
        {
            case 0:
                _text.Append(Pick(book.Openers)).Append(' ').Append(subject);
                AppendConcepts(book);
                _text.Append(": ").Append(sentiment);
                break;
            case 1:
                _text.Append(subject);
                AppendConcepts(book);
                _text.Append(' ').Append(sentiment).Append("!!");
                break;
            case 2:
                _text.Append('@').Append("user").Append(_random.Next(100_000)).Append(' ').Append(Pick(book.Openers)).Append(' ').Append(subject).Append('?');
                AppendConcepts(book);
                _text.Append(' ').Append(sentiment);
                break;
            default:
                _text.Append(sentiment).Append(' ').Append(Pick(Phrasebook.Emoji)).Append(' ').Append(Pick(book.Connectors)).Append(' ').Append(subject);
                AppendConcepts(book);
                break;
        }

        if (brands.Count > 1)
        {
            _text.Append(_random.Next(2) == 0 ? " vs " : " — better than ").Append(BrandSurface(brands[1]));
        }

        if (_random.NextDouble() < 0.5)
        {
            _text.Append(' ').Append(Pick(Phrasebook.Emoji));
        }

        var tags = _random.Next(4);
        for (var t = 0; t < tags; t++)
        {
            _text.Append(' ').Append(Pick(Phrasebook.Hashtags));
        }

        if (brands.Count > 0 && _random.NextDouble() < 0.25)
        {
            _text.Append(" #").Append(_model.Brands[brands[0]].Id.Replace("-", "", StringComparison.Ordinal));
        }

        if (_random.NextDouble() < 0.2)
        {
            _text.Append(" https://t.co/").Append(RandomToken(10));
        }

        AppendExtra(book);
    }

    private void AppendExtra(Phrasebook book)
    {
        for (var i = 0; i < _o.ExtraWords; i++)
        {
            _text.Append(' ').Append(Pick(book.Filler));
        }
    }

    private void AppendConcepts(Phrasebook book)
    {
        if (_conceptPick is null || _random.NextDouble() >= _o.ConceptShare)
        {
            return;
        }

        var count = _random.NextDouble() < 0.25 ? 2 : 1;
        for (var i = 0; i < count; i++)
        {
            var alternatives = _conceptTerms[_conceptPick.Sample(_random.NextDouble())];
            var terms = alternatives[_random.Next(alternatives.Count)];
            _text.Append(i == 0 ? ", " : " and ").Append(Pick(book.Connectors)).Append(' ').Append(Written(terms, _random.Next(100)));
        }
    }

    private List<int> PickBrands()
    {
        var brands = new List<int>(Math.Max(2, _o.BrandsPerPost));
        if (_o.BrandPick == BrandPick.Sweep)
        {
            var perPost = Math.Max(1, _o.BrandsPerPost);
            var groups = (_brandIndices.Length + perPost - 1) / perPost;
            var group = (int)(_brandPosts++ / _o.SweepPositions % groups);
            for (var i = group * perPost; i < Math.Min(_brandIndices.Length, (group + 1) * perPost); i++)
            {
                brands.Add(_brandIndices[i]);
            }

            return brands;
        }

        if (_o.UnmatchedShare > 0 && _random.NextDouble() < _o.UnmatchedShare)
        {
            return brands;
        }

        var first = _o.BrandPick == BrandPick.RoundRobin
            ? _brandIndices[(int)(_brandPosts % _brandIndices.Length)]
            : _brandIndices[_brandPick!.Sample(_random.NextDouble())];
        _brandPosts++;
        brands.Add(first);
        if (_o.CompetitorShare > 0 && _random.NextDouble() < _o.CompetitorShare)
        {
            var competitors = _model.Brands[first].Competitors;
            if (competitors.Count > 0)
            {
                var rival = competitors[_random.Next(competitors.Count)];
                for (var i = 0; i < _model.Brands.Count; i++)
                {
                    if (i != _probeIndex && _model.Brands[i].Id == rival)
                    {
                        brands.Add(i);
                        break;
                    }
                }
            }
        }

        return brands;
    }

    private string BrandSurface(int brand)
    {
        var alternatives = _brandTerms[brand];
        return Written(alternatives[_random.Next(alternatives.Count)], _random.Next(100));
    }

    /// <summary>All the terms one alternative of a query needs, side by side (which also satisfies AND and NEAR).</summary>
    private static string Written(IReadOnlyList<SurfaceTerm> terms, int roll) =>
        terms.Count == 1 ? Surface(terms[0], roll) : string.Join(' ', terms.Select(t => Surface(t, roll)));

    /// <summary>How people write a term: as folded, Title case, UPPER case, now and then with a stray accent.</summary>
    private static string Surface(SurfaceTerm term, int roll)
    {
        var text = string.Join(' ', term.Words);
        text = roll switch
        {
            < 45 => string.Join(' ', term.Words.Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])),
            < 55 => text.ToUpperInvariant(),
            < 58 => Accented(text),
            _ => text,
        };
        return term.Kind switch
        {
            TermKind.Handle => "@" + text,
            TermKind.Hashtag => "#" + text,
            _ => text,
        };
    }

    private static string Accented(string text)
    {
        var i = text.IndexOfAny(['e', 'a', 'o']);
        if (i < 0)
        {
            return text;
        }

        var accented = text[i] switch { 'e' => 'é', 'a' => 'á', _ => 'ö' };
        return string.Concat(text.AsSpan(0, i), accented.ToString(), text.AsSpan(i + 1));
    }

    private AuthorProfile PickAuthor()
    {
        var index = _authorPick.Sample(_random.NextDouble());
        var state = ((ulong)(uint)_o.Seed << 32) ^ (ulong)index ^ 0xA5A5_5A5A_0000_0000UL;
        var u = 1 - SplitMix.Uniform(ref state);
        var followers = (long)Math.Min(2e8, _o.FollowersMin / Math.Pow(u, 1 / _o.FollowersAlpha));
        var verified = followers > 100_000 ? SplitMix.Uniform(ref state) < 0.5 : SplitMix.Uniform(ref state) < 0.002;
        var gender = SplitMix.Uniform(ref state) < 0.1 ? null : _genders.Sample(SplitMix.Uniform(ref state));
        var ageBand = _ages.Sample(SplitMix.Uniform(ref state));
        var dash = ageBand.IndexOf('-', StringComparison.Ordinal);
        var low = int.Parse(ageBand.AsSpan(0, dash), CultureInfo.InvariantCulture);
        var high = int.Parse(ageBand.AsSpan(dash + 1), CultureInfo.InvariantCulture);
        int? age = SplitMix.Uniform(ref state) < 0.25 ? null : low + (int)(SplitMix.Uniform(ref state) * (high - low + 1));
        var country = SplitMix.Uniform(ref state) < 0.06 ? null : _countries.Sample(SplitMix.Uniform(ref state));
        var language = _languages.Sample(SplitMix.Uniform(ref state));
        var hasId = SplitMix.Uniform(ref state) < 0.85;
        return new AuthorProfile(index, hasId, followers, verified, gender, age, country, language);
    }

    private double Gaussian()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(length, _random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private sealed record AuthorProfile(int Index, bool HasId, long Followers, bool Verified, string? Gender, int? Age, string? Country, string Language);
}
