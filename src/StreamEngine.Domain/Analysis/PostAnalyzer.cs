using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Analysis;

/// <summary>
/// The single pass over a post: its text is tokenized once, and brand and concept matching,
/// sentiment, emotions and aspect sentiment all read those same tokens. Immutable; one instance
/// serves every thread, each bringing its own <see cref="AnalysisScratch"/>.
/// </summary>
public sealed class PostAnalyzer(ListeningModel model, SentimentScorer scorer, EmotionDetector emotions)
{
    /// <summary>Languages with a sentiment lexicon; a post in another language is unscored, a post with none is read as English.</summary>
    private static readonly string[] ScoredLanguages = ["en"];

    public ListeningModel Model { get; } = model;

    /// <summary>Whether the post's language has a lexicon here.</summary>
    public static bool IsScored(Post post) => post?.Language is null || ScoredLanguages.Contains(post.Language);

    /// <summary>
    /// Tokenizes and matches the post; fills <paramref name="brands"/> with the indices of the brands
    /// it mentions. Returns null when it mentions none, without spending time on its sentiment.
    /// </summary>
    public PostAnalysis? Analyze(Post post, AnalysisScratch scratch, List<int> brands)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(brands);
        var tokens = scratch.Tokens;
        tokens.Tokenize(post.Text);
        Model.Matcher.Match(tokens, post.Text, PostFields.From(post), scratch.Match);
        brands.Clear();
        scratch.Concepts.Clear();
        foreach (var q in scratch.Match.Queries)
        {
            if (q < Model.Brands.Count)
            {
                brands.Add(q);
            }
            else
            {
                scratch.Concepts.Add(q - Model.Brands.Count);
            }
        }

        if (brands.Count == 0)
        {
            return null;
        }

        SentimentScore? sentiment = IsScored(post) ? scorer.Score(tokens) : null;
        var found = sentiment is null ? Emotions.None : emotions.Detect(tokens);
        var topics = new List<string>();
        var intents = new List<string>();
        var aspects = new List<AspectSentiment>();
        scratch.SeenConcepts.Clear();
        foreach (var c in scratch.Concepts)
        {
            var firstWord = scratch.Match.FirstWord(Model.Brands.Count + c);
            var clause = sentiment is null || Model.Concepts[c].Kind != ConceptKind.Topic || firstWord < 0
                ? default(SentimentScore?)
                : ClauseSentiment(post.Text, tokens, firstWord);
            // A post under a child concept counts once under each of its ancestors too.
            foreach (var ancestor in Model.ConceptAndAncestors(c))
            {
                if (!scratch.SeenConcepts.Add(ancestor))
                {
                    continue;
                }

                var concept = Model.Concepts[ancestor];
                (concept.Kind == ConceptKind.Intent ? intents : topics).Add(concept.Id);
                if (clause is { } aspect && concept.Kind == ConceptKind.Topic)
                {
                    aspects.Add(new AspectSentiment(concept.Id, aspect.Label));
                }
            }
        }

        return new PostAnalysis(topics, intents, sentiment, found, aspects);
    }

    /// <summary>The sentiment of the clause around a concept's first matched word, from the tokens already cut.</summary>
    private SentimentScore ClauseSentiment(string text, Text.TokenizedText tokens, int word)
    {
        var (first, end) = Clauses.Around(tokens, text, tokens.WordStart(word));
        return scorer.ScoreTokens(tokens, first, end);
    }

    /// <summary>
    /// Like <see cref="Analyze"/>, but for every post, brand or not, and with the spans of text that
    /// made each brand, concept and intent match. Ancestors of a matched concept are listed with the
    /// child's spans.
    /// </summary>
    public PostExplanation Explain(Post post, AnalysisScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(scratch);
        var tokens = scratch.Tokens;
        tokens.Tokenize(post.Text);
        Model.Matcher.Match(tokens, post.Text, PostFields.From(post), scratch.Match);
        var spans = new Dictionary<int, List<TextSpan>>();
        foreach (var q in scratch.Match.Queries)
        {
            var list = new List<TextSpan>();
            foreach (var (start, end) in scratch.Match.Spans(q))
            {
                list.Add(new TextSpan(start, end));
            }

            spans[q] = list;
        }

        var brands = new List<MatchExplanation>();
        var concepts = new Dictionary<int, List<TextSpan>>();
        foreach (var q in scratch.Match.Queries)
        {
            if (q < Model.Brands.Count)
            {
                brands.Add(new MatchExplanation(Model.Brands[q].Id, Sorted(spans[q])));
                continue;
            }

            foreach (var c in Model.ConceptAndAncestors(q - Model.Brands.Count))
            {
                if (!concepts.TryGetValue(c, out var list))
                {
                    concepts[c] = list = [];
                }

                list.AddRange(spans[q].Where(s => !list.Contains(s)));
            }
        }

        var topics = concepts.Where(c => Model.Concepts[c.Key].Kind == ConceptKind.Topic)
            .Select(c => new MatchExplanation(Model.Concepts[c.Key].Id, Sorted(c.Value))).ToList();
        var intents = concepts.Where(c => Model.Concepts[c.Key].Kind == ConceptKind.Intent)
            .Select(c => new MatchExplanation(Model.Concepts[c.Key].Id, Sorted(c.Value))).ToList();
        SentimentScore? sentiment = IsScored(post) ? scorer.Score(tokens) : null;
        var found = sentiment is null ? Emotions.None : emotions.Detect(tokens);
        return new PostExplanation(brands, topics, intents, sentiment, found);
    }

    private static List<TextSpan> Sorted(List<TextSpan> spans) => [.. spans.OrderBy(s => s.Start).ThenBy(s => s.End)];
}
