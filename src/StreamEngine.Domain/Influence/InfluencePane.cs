using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Influence;

/// <summary>
/// One period (minute, hour or day) of a brand's authors and hashtags: three Space-Saving
/// summaries of authors, each ranking by its own figure (so that a single post of a huge account
/// is not pushed out by many small ones), and one of hashtags.
/// </summary>
public sealed class InfluencePane
{
    public InfluencePane(long period, int authorCapacity, int hashtagCapacity)
    {
        Period = period;
        ByMentions = new SpaceSaving<AuthorTally>(authorCapacity, TallyWeight.Mentions);
        ByReach = new SpaceSaving<AuthorTally>(authorCapacity, TallyWeight.Reach);
        ByEngagement = new SpaceSaving<AuthorTally>(authorCapacity, TallyWeight.Engagement);
        Hashtags = new SpaceSaving<TermTally>(hashtagCapacity, TallyWeight.Mentions);
    }

    public long Period { get; }

    public SpaceSaving<AuthorTally> ByMentions { get; }

    public SpaceSaving<AuthorTally> ByReach { get; }

    public SpaceSaving<AuthorTally> ByEngagement { get; }

    public SpaceSaving<TermTally> Hashtags { get; }

    public SpaceSaving<AuthorTally> Ranking(TallyWeight by) => by switch
    {
        TallyWeight.Reach => ByReach,
        TallyWeight.Engagement => ByEngagement,
        _ => ByMentions,
    };

    public void Add(IReadOnlyList<AuthorContribution> authors, IReadOnlyList<TermContribution> hashtags)
    {
        // Indexed rather than foreach: each delta would box two enumerators.
        for (var i = 0; i < authors.Count; i++)
        {
            var (author, tally) = authors[i];
            ByMentions.Add(author, tally);
            ByReach.Add(author, tally);
            ByEngagement.Add(author, tally);
        }

        for (var i = 0; i < hashtags.Count; i++)
        {
            var (term, count) = hashtags[i];
            Hashtags.Add(term, new TermTally(count));
        }
    }
}
