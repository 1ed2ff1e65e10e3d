using System.Runtime.InteropServices;
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
/// <para>
/// A builder is reusable: <see cref="Build"/> copies everything out and <see cref="Clear"/> keeps the
/// minutes' tables for the next batch, so a brand's steady stream of batches allocates little more
/// than the deltas themselves.
/// </para>
/// </summary>
public sealed class BrandDeltaBuilder
{
    public const int AuthorsPerMinute = 16;
    public const int HashtagsPerMinute = 32;

    // Enough spare minutes for a batch of posts spread over a few minutes of event time.
    private const int SpareMinutesKept = 4;

    // A batch of backfilled posts can span hours; every brand's builder lives as long as the
    // ingest graph, so its table of minutes is not left at that size.
    private const int MinutesTableKept = 64;

    private readonly Dictionary<long, MinuteAccumulator> _minutes = [];
    private readonly Stack<MinuteAccumulator> _spare = new();
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
            ref var influence = ref CollectionsMarshal.GetValueRefOrAddDefault(acc.Influencers, authorKey, out _);
            influence = influence.Plus(tally);
        }

        // Lists are read by index here and below: a foreach over an interface allocates an
        // enumerator, and this runs for every mention of every brand.
        var hashtags = facts.Hashtags;
        for (var i = 0; i < hashtags.Count; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(acc.Hashtags, hashtags[i], out _)++;
        }

        var author = post.Author;
        acc.Count(SegmentDimension.Network, post.Network == Network.Unknown ? SegmentDimensions.Unknown : post.Network.ToName());
        acc.Count(SegmentDimension.Country, author.Country ?? SegmentDimensions.Unknown);
        acc.Count(SegmentDimension.Gender, author.Gender.ToName());
        acc.Count(SegmentDimension.Age, AgeBands.FromAge(author.Age).ToName());
        acc.Count(SegmentDimension.Language, post.Language ?? SegmentDimensions.Unknown);
        acc.Count(SegmentDimension.Purchase, post.PurchaseDate is { } purchased ? PurchaseMonths.NameOf(purchased) : SegmentDimensions.Unknown);
        CountEach(acc, SegmentDimension.Concept, analysis.Concepts);
        acc.Count(SegmentDimension.Sentiment, SentimentNames.NameOf(analysis.Sentiment));
        foreach (var (emotion, name) in SentimentNames.EmotionsInOrder)
        {
            if ((analysis.Emotions & emotion) != 0)
            {
                acc.Count(SegmentDimension.Emotion, name);
            }
        }

        CountEach(acc, SegmentDimension.Intent, analysis.Intents);
        var aspects = analysis.Aspects;
        for (var i = 0; i < aspects.Count; i++)
        {
            acc.Count(SegmentDimension.ConceptSentiment, AspectSegments.NameOf(aspects[i].ConceptId, aspects[i].Label));
        }
    }

    /// <summary>Mentions of the brand in each minute of the batch, for its competitors' share of voice.</summary>
    public IEnumerable<(long Minute, long Mentions)> MentionsPerMinute => _minutes.Select(m => (m.Key, m.Value.Mentions));

    /// <summary>
    /// Mentions its competitors had in a minute of the same batch: what the brand's share of voice is
    /// read against. Negative to take back a count the batch would otherwise carry twice.
    /// </summary>
    public void AddCompetitorMentions(long minute, long mentions) => Minute(minute).CompetitorMentions += mentions;

    /// <summary>A threat found against the brand, in a post that may or may not mention it.</summary>
    public void AddThreat(Post post, ThreatFinding finding)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(finding);
        _threats.Add(new ThreatSighting(post.CreatedAt, finding));
    }

    /// <summary>
    /// The batch's delta. A minute left with no mention and no competitors' mentions (a correction
    /// that cancelled a count, see <see cref="AddCompetitorMentions"/>) is left out.
    /// </summary>
    public BrandDelta Build()
    {
        var minutes = new long[_minutes.Count];
        var count = 0;
        foreach (var (minute, acc) in _minutes)
        {
            if (acc.Mentions != 0 || acc.CompetitorMentions != 0)
            {
                minutes[count++] = minute;
            }
        }

        Array.Sort(minutes, 0, count);
        var deltas = new MinuteDelta[count];
        for (var i = 0; i < deltas.Length; i++)
        {
            deltas[i] = _minutes[minutes[i]].Build(minutes[i]);
        }

        return new BrandDelta(deltas) { Threats = [.. _threats] };
    }

    /// <summary>Empties the builder for the next batch, keeping a few minutes' tables for reuse.</summary>
    public void Clear()
    {
        foreach (var acc in _minutes.Values)
        {
            if (_spare.Count < SpareMinutesKept)
            {
                acc.Clear();
                _spare.Push(acc);
            }
        }

        var backfill = _minutes.Count > MinutesTableKept;
        _minutes.Clear();
        if (backfill)
        {
            _minutes.TrimExcess(SpareMinutesKept);
        }

        _threats.Clear();
        Mentions = 0;
    }

    private static void CountEach(MinuteAccumulator acc, SegmentDimension dimension, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            acc.Count(dimension, values[i]);
        }
    }

    private MinuteAccumulator Minute(long minute)
    {
        ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(_minutes, minute, out var exists);
        if (!exists)
        {
            acc = _spare.Count > 0 ? _spare.Pop() : new MinuteAccumulator();
        }

        return acc!;
    }
}
