using System.Globalization;
using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Sketches;
using StreamEngine.Domain.Threats;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Folds a batch of one brand's mentions into a <see cref="BrandDelta"/>, one entry per minute
/// touched. Of the batch's authors and hashtags of a minute, only the leading few travel on (the
/// top <see cref="AuthorsPerMinute"/> by each of mentions, reach and engagement; the top
/// <see cref="HashtagsPerMinute"/> hashtags): the brand folds them into bounded Space-Saving
/// summaries anyway, and a batch's long tail would only swell the journal.
/// </summary>
public sealed class BrandDeltaBuilder
{
    public const int AuthorsPerMinute = 16;
    public const int HashtagsPerMinute = 32;

    private readonly SortedDictionary<long, MinuteAccumulator> _minutes = [];
    private readonly List<ThreatSighting> _threats = [];

    public int Mentions { get; private set; }

    /// <summary>Adds a mention, working out its <see cref="MentionFacts"/> here.</summary>
    public void Add(Post post, PostAnalysis analysis) => Add(post, analysis, MentionFacts.Of(post));

    public void Add(Post post, PostAnalysis analysis, MentionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(facts);
        var acc = Minute(EventTime.MinuteOf(post.CreatedAt));

        Mentions++;
        acc.Mentions++;
        acc.Reach += post.Author.Followers;
        acc.Engagement += post.Engagement.Total;
        acc.Sentiment += SentimentTally.Of(analysis.Sentiment);
        acc.SentimentReach += SentimentReach.Of(analysis.Sentiment, post.Author.Followers);
        if (facts.AuthorEntry is { } entry)
        {
            acc.Authors.Add(entry);
        }

        if (facts.AuthorKey is { } authorKey)
        {
            var label = analysis.Sentiment?.Label;
            var tally = new AuthorTally(1, post.Author.Followers, post.Engagement.Total,
                label == SentimentLabel.Positive ? 1 : 0, label == SentimentLabel.Negative ? 1 : 0);
            acc.Influencers[authorKey] = acc.Influencers.GetValueOrDefault(authorKey).Plus(tally);
        }

        foreach (var hashtag in facts.Hashtags)
        {
            acc.Hashtags[hashtag] = acc.Hashtags.GetValueOrDefault(hashtag) + 1;
        }

        var author = post.Author;
        acc.Count(SegmentDimension.Network, post.Network == Network.Unknown ? SegmentDimensions.Unknown : post.Network.ToName());
        acc.Count(SegmentDimension.Country, author.Country ?? SegmentDimensions.Unknown);
        acc.Count(SegmentDimension.Gender, author.Gender.ToName());
        acc.Count(SegmentDimension.Age, AgeBands.FromAge(author.Age).ToName());
        acc.Count(SegmentDimension.Language, post.Language ?? SegmentDimensions.Unknown);
        acc.Count(SegmentDimension.Purchase,
            post.PurchaseDate?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? SegmentDimensions.Unknown);
        foreach (var concept in analysis.Concepts)
        {
            acc.Count(SegmentDimension.Concept, concept);
        }

        acc.Count(SegmentDimension.Sentiment, SentimentNames.NameOf(analysis.Sentiment));
        foreach (var emotion in analysis.Emotions.Names())
        {
            acc.Count(SegmentDimension.Emotion, emotion);
        }

        foreach (var intent in analysis.Intents)
        {
            acc.Count(SegmentDimension.Intent, intent);
        }

        foreach (var aspect in analysis.Aspects)
        {
            acc.Count(SegmentDimension.ConceptSentiment, aspect.ConceptId + SegmentDimensions.AspectSeparator + aspect.Label.ToName());
        }
    }

    /// <summary>Mentions of the brand in each minute of the batch, for its competitors' share of voice.</summary>
    public IEnumerable<(long Minute, long Mentions)> MentionsPerMinute => _minutes.Select(m => (m.Key, m.Value.Mentions));

    /// <summary>Mentions its competitors had in a minute of the same batch: what the brand's share of voice is read against.</summary>
    public void AddCompetitorMentions(long minute, long mentions) => Minute(minute).CompetitorMentions += mentions;

    /// <summary>A threat found against the brand, in a post that may or may not mention it.</summary>
    public void AddThreat(Post post, ThreatFinding finding)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(finding);
        _threats.Add(new ThreatSighting(post.CreatedAt, finding));
    }

    public BrandDelta Build() =>
        new(_minutes.Select(m => new MinuteDelta(
                m.Key,
                m.Value.Mentions,
                m.Value.Reach,
                m.Value.Engagement,
                m.Value.Segments.Select(s => new SegmentCount(s.Key.Dimension, s.Key.Value, s.Value)).ToArray(),
                m.Value.Authors.Order().ToArray(),
                m.Value.Sentiment)
            {
                Authors = m.Value.LeadingAuthors(),
                Hashtags = m.Value.Hashtags
                    .OrderByDescending(h => h.Value).ThenBy(h => h.Key, StringComparer.Ordinal)
                    .Take(HashtagsPerMinute)
                    .Select(h => new TermContribution(h.Key, h.Value))
                    .ToArray(),
                SentimentReach = m.Value.SentimentReach,
                CompetitorMentions = m.Value.CompetitorMentions,
            })
            .ToArray())
        {
            Threats = [.. _threats],
        };

    private MinuteAccumulator Minute(long minute)
    {
        if (!_minutes.TryGetValue(minute, out var acc))
        {
            _minutes[minute] = acc = new MinuteAccumulator();
        }

        return acc;
    }

    private sealed class MinuteAccumulator
    {
        public long Mentions;
        public long Reach;
        public long Engagement;
        public SentimentTally Sentiment;
        public SentimentReach SentimentReach;
        public long CompetitorMentions;
        public readonly Dictionary<SegmentKey, long> Segments = [];
        public readonly HashSet<uint> Authors = [];
        public readonly Dictionary<string, AuthorTally> Influencers = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> Hashtags = new(StringComparer.Ordinal);

        public AuthorContribution[] LeadingAuthors()
        {
            var leading = new HashSet<string>(StringComparer.Ordinal);
            foreach (var by in new[] { TallyWeight.Mentions, TallyWeight.Reach, TallyWeight.Engagement })
            {
                leading.UnionWith(Influencers
                    .OrderByDescending(a => a.Value.Weight(by)).ThenBy(a => a.Key, StringComparer.Ordinal)
                    .Take(AuthorsPerMinute)
                    .Select(a => a.Key));
            }

            return leading.Order(StringComparer.Ordinal).Select(a => new AuthorContribution(a, Influencers[a])).ToArray();
        }

        public void Count(SegmentDimension dimension, string value)
        {
            var key = new SegmentKey(dimension, value);
            Segments[key] = Segments.GetValueOrDefault(key) + 1;
        }
    }
}
