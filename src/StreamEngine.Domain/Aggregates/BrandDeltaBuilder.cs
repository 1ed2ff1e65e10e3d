using System.Globalization;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Aggregates;

/// <summary>Folds a batch of one brand's mentions into a <see cref="BrandDelta"/>, one entry per minute touched.</summary>
public sealed class BrandDeltaBuilder
{
    private readonly SortedDictionary<long, MinuteAccumulator> _minutes = [];

    public int Mentions { get; private set; }

    public void Add(Post post, IEnumerable<string> conceptIds)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(conceptIds);
        var minute = EventTime.MinuteOf(post.CreatedAt);
        if (!_minutes.TryGetValue(minute, out var acc))
        {
            _minutes[minute] = acc = new MinuteAccumulator();
        }

        Mentions++;
        acc.Mentions++;
        acc.Reach += post.Author.Followers;
        acc.Engagement += post.Engagement.Total;
        if (AuthorEntry(post) is { } entry)
        {
            acc.Authors.Add(entry);
        }

        var author = post.Author;
        acc.Count(SegmentDimension.Network, post.Network == Network.Unknown ? SegmentDimensions.Unknown : post.Network.ToName());
        acc.Count(SegmentDimension.Country, author.Country ?? SegmentDimensions.Unknown);
        acc.Count(SegmentDimension.Gender, author.Gender.ToName());
        acc.Count(SegmentDimension.Age, AgeBands.FromAge(author.Age).ToName());
        acc.Count(SegmentDimension.Language, post.Language ?? SegmentDimensions.Unknown);
        acc.Count(SegmentDimension.Purchase,
            post.PurchaseDate?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? SegmentDimensions.Unknown);
        foreach (var concept in conceptIds)
        {
            acc.Count(SegmentDimension.Concept, concept);
        }
    }

    public BrandDelta Build() =>
        new(_minutes.Select(m => new MinuteDelta(
                m.Key,
                m.Value.Mentions,
                m.Value.Reach,
                m.Value.Engagement,
                m.Value.Segments.Select(s => new SegmentCount(s.Key.Dimension, s.Key.Value, s.Value)).ToArray(),
                m.Value.Authors.Order().ToArray()))
            .ToArray());

    /// <summary>Author ids are unique per network only, so the network is part of the identity.</summary>
    private static uint? AuthorEntry(Post post)
    {
        var author = post.Author;
        var key = author.Id ?? (author.Handle is null ? null : "@" + author.Handle.TrimStart('@').ToLowerInvariant());
        return key is null ? null : UniqueAuthorSketch.EntryOf(StableHash.Of(post.Network.ToName(), key));
    }

    private sealed class MinuteAccumulator
    {
        public long Mentions;
        public long Reach;
        public long Engagement;
        public readonly Dictionary<SegmentKey, long> Segments = [];
        public readonly HashSet<uint> Authors = [];

        public void Count(SegmentDimension dimension, string value)
        {
            var key = new SegmentKey(dimension, value);
            Segments[key] = Segments.GetValueOrDefault(key) + 1;
        }
    }
}
