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

    // Per brand, whether its query may match a word that weighs in sentiment: only those brands'
    // names are marked in a post, so the others cost nothing.
    private readonly bool[] _namesCarrySentiment = [.. model.Brands.Select(b => b.Query.Literals.Any(l => MayCarrySentiment(l, scorer)))];

    /// <summary>The model's threat detectors.</summary>
    public Threats.ThreatWatch Threats { get; } = new(model);

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
        Read(post, scratch, brands);
        if (brands.Count == 0)
        {
            return null;
        }

        var tokens = scratch.Tokens;
        var (sentiment, found) = Feel(tokens);
        var topics = scratch.Topics;
        var intents = scratch.Intents;
        var aspects = scratch.Aspects;
        topics.Clear();
        intents.Clear();
        aspects.Clear();
        scratch.SeenConcepts.Clear();
        var brandConcepts = false;
        foreach (var c in scratch.Concepts)
        {
            if (Model.BrandOfConcept(c) is var owner and >= 0)
            {
                // A brand's own concept counts within its mentions alone: below, once the concepts
                // of every brand are known.
                brandConcepts |= brands.Contains(owner);
                continue;
            }

            // A post under a child concept counts once under each of its ancestors too. A concept
            // already counted had its ancestors counted with it.
            foreach (var ancestor in Model.ConceptAndAncestors(c))
            {
                if (!scratch.SeenConcepts.Add(ancestor))
                {
                    break;
                }

                var concept = Model.Concepts[ancestor];
                (concept.Kind == ConceptKind.Intent ? intents : topics).Add(concept.Id);
            }
        }

        if (sentiment is not null)
        {
            AddAspects(post.Text, scratch, brand: -1, aspects);
        }

        return new PostAnalysis(Copy(topics), Copy(intents), sentiment, found, Copy(aspects))
        {
            BrandViews = brandConcepts ? BrandViewsOf(post.Text, scratch, brands, sentiment is not null) : [],
        };
    }

    /// <summary>
    /// The sentiment of the clause around each topic's first mention in the post, where a parent's
    /// mentions are its own and those of every concept under it: matched concepts are visited from
    /// the first mentioned, and an ancestor takes the clause of the first to reach it. The library's
    /// concepts, with <paramref name="brand"/>'s own when it is a brand's index.
    /// </summary>
    private void AddAspects(string text, AnalysisScratch scratch, int brand, List<AspectSentiment> aspects)
    {
        var mentions = scratch.FirstMentions;
        mentions.Clear();
        foreach (var c in scratch.Concepts)
        {
            if (Model.BrandOfConcept(c) is var owner && (owner < 0 || owner == brand)
                && Model.Concepts[c].Kind == ConceptKind.Topic && scratch.Match.FirstMention(Model.QueryOfConcept(c)) is var at and >= 0)
            {
                mentions.Add((at, c));
            }
        }

        mentions.Sort();
        var seen = scratch.AspectConcepts;
        seen.Clear();
        foreach (var (at, c) in mentions)
        {
            var clause = ClauseSentiment(text, scratch.Tokens, at);
            foreach (var ancestor in Model.ConceptAndAncestors(c))
            {
                if (!seen.Add(ancestor))
                {
                    break;
                }

                aspects.Add(new AspectSentiment(Model.Concepts[ancestor].Id, clause.Label));
            }
        }
    }

    /// <summary>
    /// For each brand the post mentions whose own concepts it matched: those concepts, with the
    /// ancestors they reach that the library's concepts do not, and every aspect as that brand reads
    /// them (a parent's first mention may be through its own concept). Rare, so it allocates as it likes.
    /// </summary>
    private List<BrandView> BrandViewsOf(string text, AnalysisScratch scratch, List<int> brands, bool scored)
    {
        var views = new List<BrandView>();
        foreach (var brand in brands)
        {
            List<string>? topics = null, intents = null;
            var seen = new HashSet<int>();
            foreach (var c in scratch.Concepts)
            {
                if (Model.BrandOfConcept(c) != brand)
                {
                    continue;
                }

                foreach (var ancestor in Model.ConceptAndAncestors(c))
                {
                    if (scratch.SeenConcepts.Contains(ancestor) || !seen.Add(ancestor))
                    {
                        // Counted for every brand already, or for this one with another of its concepts.
                        break;
                    }

                    var concept = Model.Concepts[ancestor];
                    (concept.Kind == ConceptKind.Intent ? intents ??= [] : topics ??= []).Add(concept.Id);
                }
            }

            if (topics is null && intents is null)
            {
                continue;
            }

            var aspects = new List<AspectSentiment>();
            if (scored)
            {
                AddAspects(text, scratch, brand, aspects);
            }

            views.Add(new BrandView(Model.Brands[brand].Id, topics ?? [], intents ?? [], aspects));
        }

        return views;
    }

    /// <summary>Whether the post mentions a brand of the model (filling <paramref name="brands"/>), read from its words alone.</summary>
    public bool MentionsAnyBrand(Post post, AnalysisScratch scratch, List<int> brands)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Tokens.TokenizeWords(post.Text);
        Model.Match(scratch.Tokens, post.Text, PostFields.From(post), scratch.Match, brands, scratch.Concepts);
        return brands.Count > 0;
    }

    private static T[] Copy<T>(List<T> gathered) => gathered.Count == 0 ? [] : [.. gathered];

    /// <summary>The sentiment of the clause around an offset of the text, from the tokens already cut.</summary>
    private SentimentScore ClauseSentiment(string text, Text.TokenizedText tokens, int offset)
    {
        var (first, end) = Clauses.Around(tokens, text, offset, scorer);
        return scorer.ScoreTokens(tokens, first, end);
    }

    /// <summary>
    /// Like <see cref="Analyze"/>, but for every post, brand or not, and with the spans of text that
    /// made each brand, concept and intent match. Ancestors of a matched concept are listed with the
    /// child's spans; a brand's own concepts only when the post mentions that brand.
    /// </summary>
    public PostExplanation Explain(Post post, AnalysisScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(scratch);
        Read(post, scratch, scratch.Brands);
        var brands = scratch.Brands.Select(b => new MatchExplanation(Model.Brands[b].Id, Spans(scratch, b))).ToList();
        // A set per concept: an ancestor gathers the spans of all its matched children, which may
        // share words, and a post may hold tens of thousands of them.
        var concepts = new Dictionary<int, HashSet<TextSpan>>();
        foreach (var c in scratch.Concepts)
        {
            if (Model.BrandOfConcept(c) is var owner and >= 0 && !scratch.Brands.Contains(owner))
            {
                // A brand's own concept counts within its mentions alone.
                continue;
            }

            var spans = Spans(scratch, Model.QueryOfConcept(c));
            foreach (var ancestor in Model.ConceptAndAncestors(c))
            {
                if (!concepts.TryGetValue(ancestor, out var set))
                {
                    concepts[ancestor] = set = [];
                }

                set.UnionWith(spans);
            }
        }

        List<MatchExplanation> Of(ConceptKind kind) => concepts
            .Where(c => Model.Concepts[c.Key].Kind == kind)
            .Select(c => new MatchExplanation(Model.Concepts[c.Key].Id, [.. c.Value.OrderBy(s => s.Start).ThenBy(s => s.End)]))
            .ToList();

        var (sentiment, found) = Feel(scratch.Tokens);
        return new PostExplanation(brands, Of(ConceptKind.Topic), Of(ConceptKind.Intent), sentiment, found);
    }

    /// <summary>The one walk over the text, then matching; brands into <paramref name="brands"/>, concepts into the scratch.</summary>
    private void Read(Post post, AnalysisScratch scratch, List<int> brands)
    {
        // A post whose sentiment is not read needs words alone, which cost a fraction of the walk.
        if (IsScored(post))
        {
            scratch.Tokens.Tokenize(post.Text);
        }
        else
        {
            scratch.Tokens.TokenizeWords(post.Text);
        }

        Model.Match(scratch.Tokens, post.Text, PostFields.From(post), scratch.Match, brands, scratch.Concepts);

        // A brand's name is no opinion of it: "Best Buy" or a brand called Glad reads as neutral.
        if (scratch.Tokens.HasSentimentTokens)
        {
            foreach (var brand in brands)
            {
                if (!_namesCarrySentiment[brand])
                {
                    continue;
                }

                foreach (var hit in scratch.Match.HitsOf(brand))
                {
                    scratch.Tokens.AddName(hit.Start, hit.End);
                }
            }
        }
    }

    /// <summary>Sentiment and emotions, read only where a lexicon exists for the post's language.</summary>
    private (SentimentScore? Sentiment, Emotions Emotions) Feel(Text.TokenizedText tokens)
    {
        // Read cut sentiment tokens exactly when the post's language is scored.
        SentimentScore? sentiment = tokens.HasSentimentTokens ? scorer.Score(tokens) : null;
        return (sentiment,
            sentiment is null ? Emotions.None
            : scorer.ReadsEmotionsOf(emotions) ? scorer.DetectEmotions(tokens)
            : emotions.Detect(tokens));
    }

    /// <summary>Whether what <paramref name="literal"/> matches may hold a word the scorer reads; patterns and emoji may match anything.</summary>
    private static bool MayCarrySentiment(LiteralNode literal, SentimentScorer scorer) => literal switch
    {
        TermNode term => scorer.HasPart(term.Word),
        PhraseNode phrase => phrase.Words.Any(scorer.HasPart),
        RawNode raw => raw.Words.Any(scorer.HasPart),
        _ => true,
    };

    private static List<TextSpan> Spans(AnalysisScratch scratch, int query)
    {
        var spans = new List<TextSpan>();
        foreach (var (start, end) in scratch.Match.Spans(query))
        {
            spans.Add(new TextSpan(start, end));
        }

        return spans;
    }
}
