using System.Collections.Concurrent;
using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// The concept-sentiment breakdown's value, "concept/label", one shared string per concept and
/// label: a post's aspects are counted for every brand it names, so the names are made once.
/// </summary>
public static class AspectSegments
{
    private static readonly SentimentLabel[] Labels = Enum.GetValues<SentimentLabel>();

    // Bounded by the concepts of the models loaded; a concept removed by a model swap leaves three short strings behind.
    private static readonly ConcurrentDictionary<string, string[]> Names = new(StringComparer.Ordinal);

    public static string NameOf(string conceptId, SentimentLabel label)
    {
        var names = Names.GetOrAdd(conceptId, static id =>
        {
            var all = new string[Labels.Max(l => (int)l) + 1];
            foreach (var l in Labels)
            {
                all[(int)l] = id + SegmentDimensions.AspectSeparator + l.ToName();
            }

            return all;
        });
        return (uint)label < (uint)names.Length ? names[(int)label] : conceptId + SegmentDimensions.AspectSeparator + label.ToName();
    }
}
