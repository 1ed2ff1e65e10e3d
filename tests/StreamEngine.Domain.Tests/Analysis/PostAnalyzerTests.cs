using StreamEngine.Domain.Analysis;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Sentiment;

namespace StreamEngine.Domain.Tests.Analysis;

public sealed class PostAnalyzerTests
{
    private const string Yaml = """
        concepts:
          - id: logistics
            query: 'logistics'
          - id: delivery
            query: 'delivery OR shipping'
            parent: logistics
          - id: price
            query: 'price OR prices'
          - id: complaint
            kind: intent
            query: 'refund OR "never again"'
        brands:
          - id: acme
            query: 'acme'
          - id: globex
            query: 'globex'
        """;

    private static readonly PostAnalyzer Analyzer = AnalyzerOf(Yaml);

    private static PostAnalyzer AnalyzerOf(string yaml) =>
        new(ModelLoader.Parse(yaml, "model.yaml"), SentimentScorer.Load(), EmotionDetector.Load());

    private static PostAnalysis? Analyze(string text, string? lang = null, List<int>? brands = null) =>
        Analyzer.Analyze(TestPosts.Make("p", DateTimeOffset.UtcNow, text: text) with { Language = lang }, new AnalysisScratch(), brands ?? []);

    [Theory]
    [InlineData("The Acme price is great, but the delivery was terrible")]
    [InlineData("The Acme price is great although the delivery was terrible")]
    [InlineData("Acme price is great\nthe delivery was terrible")]
    [InlineData("Acme: great price - terrible delivery")]
    [InlineData("Acme price great / delivery terrible")]
    public void Reads_the_sentiment_around_each_concept_apart_from_the_whole_post(string text)
    {
        var analysis = Analyze(text)!;

        var aspects = analysis.Aspects.ToDictionary(a => a.ConceptId, a => a.Label);
        Assert.Equal(SentimentLabel.Positive, aspects["price"]);
        Assert.Equal(SentimentLabel.Negative, aspects["delivery"]);
    }

    [Theory]
    [InlineData("Acme delivery was awful and the price was excellent", "delivery", SentimentLabel.Negative)]
    [InlineData("Acme delivery was awful and the price was excellent", "price", SentimentLabel.Positive)]
    [InlineData("Love the Acme price and hate the delivery", "price", SentimentLabel.Positive)]
    [InlineData("Love the Acme price and hate the delivery", "delivery", SentimentLabel.Negative)]
    [InlineData("Awful Acme shipping AND great prices", "delivery", SentimentLabel.Negative)]
    [InlineData("Acme price and delivery were awful", "price", SentimentLabel.Negative)]
    [InlineData("Acme price and delivery were awful", "delivery", SentimentLabel.Negative)]
    [InlineData("Acme: great price and the delivery and the logistics", "delivery", SentimentLabel.Positive)]
    [InlineData("Acme: great price and fast delivery and awful logistics", "price", SentimentLabel.Positive)]
    [InlineData("Acme: great price and a delivery and awful logistics", "delivery", SentimentLabel.Negative)]
    [InlineData("Acme support is great and price and delivery were awful", "price", SentimentLabel.Negative)]
    [InlineData("Acme support is great and price and delivery were awful", "delivery", SentimentLabel.Negative)]
    public void And_joins_what_shares_an_opinion_and_parts_two_that_each_hold_one(string text, string concept, SentimentLabel expected)
    {
        var analysis = Analyze(text)!;

        Assert.Equal(expected, Assert.Single(analysis.Aspects, a => a.ConceptId == concept).Label);
    }

    [Theory]
    [InlineData("The Acme price was great, we love it. Delivery was awful", "delivery", SentimentLabel.Negative)]
    [InlineData("I hate the Acme price of it. Delivery was great", "price", SentimentLabel.Negative)]
    [InlineData("I hate the Acme price of it. Delivery was great", "delivery", SentimentLabel.Positive)]
    [InlineData("Acme: delivery no. Price great", "delivery", SentimentLabel.Neutral)]
    [InlineData("Acme: delivery no. Price great", "price", SentimentLabel.Positive)]
    [InlineData("Acme: love it! price too high!", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is A+, delivery bad", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is ok!! delivery bad", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is awful,delivery great", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is awful,delivery great", "delivery", SentimentLabel.Positive)]
    [InlineData("Acme price is awful.Delivery great", "delivery", SentimentLabel.Positive)]
    [InlineData("Acme delivery is bad buuut the price is good", "delivery", SentimentLabel.Negative)]
    [InlineData("Acme delivery is bad buuut the price is good", "price", SentimentLabel.Positive)]
    [InlineData("Acme price of 1,000 dollars is great", "price", SentimentLabel.Positive)]
    [InlineData("Acme price at acme.com is great", "price", SentimentLabel.Positive)]
    [InlineData("Acme well-made, price is great", "price", SentimentLabel.Positive)]
    [InlineData("Acme price in the U.S is great", "price", SentimentLabel.Positive)]
    [InlineData("Acme price is great!delivery awful", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is great!!delivery awful", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is great!!delivery awful", "delivery", SentimentLabel.Negative)]
    [InlineData("Acme price is fine?!delivery horrible", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is awful...delivery great", "price", SentimentLabel.Neutral)]
    [InlineData("Acme price is awful,,delivery great", "delivery", SentimentLabel.Positive)]
    [InlineData("Acme price of 1..2 dollars is great", "price", SentimentLabel.Positive)]
    [InlineData("Acme price is great!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!delivery awful", "price", SentimentLabel.Neutral)]
    public void A_clause_ends_at_a_mark_kept_in_a_token_or_glued_between_two_words(string text, string concept, SentimentLabel expected)
    {
        // VADER keeps "it." and "ok," whole, since stripping would leave two characters or fewer,
        // and "awful,delivery" is one token: the break is in the token's own text.
        var analysis = Analyze(text)!;

        Assert.Equal(expected, Assert.Single(analysis.Aspects, a => a.ConceptId == concept).Label);
    }

    [Theory]
    [InlineData("Acme camera is great, but the battery is awful", SentimentLabel.Positive)]
    [InlineData("Acme battery is awful, but the camera is great", SentimentLabel.Negative)]
    [InlineData("Acme camera and battery both great, the hardware and the product too", SentimentLabel.Positive)]
    public void A_parent_takes_the_clause_of_the_first_mention_of_it_or_of_a_concept_under_it(string text, SentimentLabel first)
    {
        // battery comes before camera in the model: the text's order, not the model's, decides.
        var analyzer = AnalyzerOf("""
            concepts:
              - id: product
                query: 'product'
              - id: hardware
                query: 'hardware'
                parent: product
              - id: battery
                query: 'battery'
                parent: hardware
              - id: camera
                query: 'camera'
                parent: hardware
            brands:
              - id: acme
                query: 'acme'
            """);
        var analysis = analyzer.Analyze(TestPosts.Make("p", DateTimeOffset.UtcNow, text: text), new AnalysisScratch(), [])!;

        var aspects = analysis.Aspects.ToDictionary(a => a.ConceptId, a => a.Label);
        Assert.Equal(4, analysis.Aspects.Count);
        Assert.Equal((first, first), (aspects["hardware"], aspects["product"]));
        Assert.NotEqual(SentimentLabel.Neutral, aspects["camera"]);
        Assert.NotEqual(SentimentLabel.Neutral, aspects["battery"]);
    }

    [Fact]
    public void A_concept_matched_by_an_emoji_alone_reads_the_clause_around_it()
    {
        var analyzer = AnalyzerOf("""
            concepts:
              - id: price
                query: '💸 OR price'
            brands:
              - id: acme
                query: 'acme'
            """);
        var analysis = analyzer.Analyze(TestPosts.Make("p", DateTimeOffset.UtcNow, text: "Acme is lovely. Checkout 💸 so terrible"), new AnalysisScratch(), [])!;

        Assert.Equal(SentimentLabel.Negative, Assert.Single(analysis.Aspects, a => a.ConceptId == "price").Label);
    }

    private static readonly PostAnalyzer WithBrandConcepts = AnalyzerOf("""
        concepts:
          - id: product
            query: 'product'
          - id: price
            query: 'price'
        brands:
          - id: acme
            query: 'acme'
            concepts:
              - id: rocket-skates
                query: '"rocket skates"'
                parent: product
              - id: acme-refund
                kind: intent
                query: 'refund'
          - id: globex
            query: 'globex'
        """);

    [Fact]
    public void A_brands_own_concepts_count_within_its_mentions_alone_with_the_library_concepts_above_them()
    {
        var analysis = WithBrandConcepts.Analyze(
            TestPosts.Make("p", DateTimeOffset.UtcNow, text: "Acme rocket skates are awful, globex price is great, I want a refund"), new AnalysisScratch(), [])!;

        Assert.Equal(["price"], analysis.Concepts);
        Assert.Empty(analysis.Intents);

        var acme = analysis.ForBrand("acme");
        Assert.Equal(["price", "rocket-skates", "product"], acme.Concepts);
        Assert.Equal(["acme-refund"], acme.Intents);
        var aspects = acme.Aspects.ToDictionary(a => a.ConceptId, a => a.Label);
        Assert.Equal((SentimentLabel.Negative, SentimentLabel.Negative, SentimentLabel.Positive), (aspects["rocket-skates"], aspects["product"], aspects["price"]));
        Assert.Empty(acme.BrandViews);

        Assert.Same(analysis, analysis.ForBrand("globex"));
    }

    [Fact]
    public void A_parent_reached_first_through_a_brands_own_concept_takes_that_clause_for_the_brand()
    {
        var analyzer = AnalyzerOf("""
            concepts:
              - id: delivery
                query: 'shipping OR delivery'
            brands:
              - id: acme
                query: 'acme'
                concepts:
                  - id: drone-delivery
                    query: 'drone'
                    parent: delivery
              - id: globex
                query: 'globex'
            """);
        var analysis = analyzer.Analyze(
            TestPosts.Make("p", DateTimeOffset.UtcNow, text: "Acme drone was great, but the globex shipping was awful"), new AnalysisScratch(), [])!;

        var everyBrand = analysis.Aspects.ToDictionary(a => a.ConceptId, a => a.Label);
        var acme = analysis.ForBrand("acme").Aspects.ToDictionary(a => a.ConceptId, a => a.Label);
        Assert.Equal(SentimentLabel.Negative, everyBrand["delivery"]);
        Assert.Equal((SentimentLabel.Positive, SentimentLabel.Positive), (acme["drone-delivery"], acme["delivery"]));
        Assert.Equal(["delivery"], analysis.ForBrand("acme").Concepts.Where(c => c == "delivery"));
    }

    [Fact]
    public void A_deep_chain_of_a_brands_own_concepts_is_walked_once()
    {
        var chain = string.Concat(Enumerable.Range(0, 3000).Select(i => $"      - id: c{i}\n        query: deep\n" + (i > 0 ? $"        parent: c{i - 1}\n" : "")));
        var analyzer = AnalyzerOf("brands:\n  - id: acme\n    query: acme\n    concepts:\n" + chain);

        var acme = analyzer.Analyze(TestPosts.Make("p", DateTimeOffset.UtcNow, text: "Acme deep is great"), new AnalysisScratch(), [])!.ForBrand("acme");

        Assert.Equal(3000, acme.Concepts.Count);
        Assert.Equal(3000, acme.Aspects.Count);
    }

    [Fact]
    public void A_library_concept_reached_on_its_own_is_not_counted_again_for_a_brand()
    {
        var analysis = WithBrandConcepts.Analyze(
            TestPosts.Make("p", DateTimeOffset.UtcNow, text: "Acme product line: rocket skates"), new AnalysisScratch(), [])!;

        Assert.Equal(["product"], analysis.Concepts);
        Assert.Equal(["product", "rocket-skates"], analysis.ForBrand("acme").Concepts);
    }

    [Fact]
    public void A_brands_own_concept_in_a_post_not_mentioning_it_counts_nowhere_and_is_not_explained()
    {
        var post = TestPosts.Make("p", DateTimeOffset.UtcNow, text: "globex rocket skates, refund please");

        var analysis = WithBrandConcepts.Analyze(post, new AnalysisScratch(), [])!;
        Assert.Empty(analysis.Concepts);
        Assert.Empty(analysis.BrandViews);

        var explained = WithBrandConcepts.Explain(post, new AnalysisScratch());
        Assert.Empty(explained.Concepts);
        Assert.Empty(explained.Intents);
        var mentioned = WithBrandConcepts.Explain(post with { Text = "acme rocket skates, refund please" }, new AnalysisScratch());
        Assert.Equal(["product", "rocket-skates"], mentioned.Concepts.Select(c => c.Id).Order());
        Assert.Equal(["acme-refund"], mentioned.Intents.Select(c => c.Id));
    }

    [Fact]
    public void Reads_emotions_from_the_scorer_when_it_carries_the_detector_words()
    {
        var emotions = EmotionDetector.Load();
        var merged = new PostAnalyzer(ModelLoader.Parse(Yaml, "model.yaml"), SentimentScorer.Load(emotions), emotions);
        var post = TestPosts.Make("p", DateTimeOffset.UtcNow, text: "acme is back, yaaay, not scared at all");

        // Only the scorer reads the stretched "yaaay" as "yay"; both leave the negated "scared" out.
        Assert.Equal(Emotions.Joy, merged.Analyze(post, new AnalysisScratch(), [])!.Emotions);
        Assert.Equal(Emotions.None, Analyzer.Analyze(post, new AnalysisScratch(), [])!.Emotions);
    }

    [Fact]
    public void A_post_mentioning_no_brand_is_not_analysed_further()
    {
        var brands = new List<int> { 99 };

        Assert.Null(Analyze("the delivery was terrible", brands: brands));
        Assert.Empty(brands);
    }

    [Fact]
    public void Lists_the_brands_a_post_mentions()
    {
        var brands = new List<int>();

        Analyze("globex beats acme", brands: brands);

        Assert.Equal([0, 1], brands.Order());
    }

    [Fact]
    public void A_child_concept_counts_under_its_ancestors_once_and_intents_stay_apart()
    {
        var analysis = Analyze("acme delivery and shipping and logistics: I want a refund")!;

        Assert.Equal(["delivery", "logistics"], analysis.Concepts.Order());
        Assert.Equal(["complaint"], analysis.Intents);
    }

    [Fact]
    public void A_post_in_a_language_without_a_lexicon_is_unscored_with_no_emotions_or_aspects()
    {
        var analysis = Analyze("acme price is great and I love it", lang: "de")!;

        Assert.Null(analysis.Sentiment);
        Assert.Equal(Emotions.None, analysis.Emotions);
        Assert.Empty(analysis.Aspects);
        Assert.Equal(["price"], analysis.Concepts);
    }

    [Fact]
    public void An_english_post_or_one_without_a_language_is_scored()
    {
        Assert.Equal(SentimentLabel.Positive, Analyze("I love acme")!.Sentiment!.Value.Label);
        Assert.Equal(SentimentLabel.Negative, Analyze("I hate acme", lang: "en")!.Sentiment!.Value.Label);
    }

    [Fact]
    public void Explains_spans_of_brands_and_concepts_even_without_a_brand()
    {
        const string text = "Shipping from #Acme was slow";
        var explanation = Analyzer.Explain(TestPosts.Make("p", DateTimeOffset.UtcNow, text: text), new AnalysisScratch());

        var brand = Assert.Single(explanation.Brands);
        Assert.Equal("Acme", text[brand.Spans[0].Start..brand.Spans[0].End]);
        Assert.Equal(["delivery", "logistics"], explanation.Concepts.Select(c => c.Id).Order());
        Assert.All(explanation.Concepts, c => Assert.Equal("Shipping", text[c.Spans[0].Start..c.Spans[0].End]));

        var none = Analyzer.Explain(TestPosts.Make("q", DateTimeOffset.UtcNow, text: "slow shipping"), new AnalysisScratch());
        Assert.Empty(none.Brands);
        Assert.Contains(none.Concepts, c => c.Id == "delivery");
    }

    [Theory]
    [InlineData("Picked up a new TV at Best Buy", SentimentLabel.Neutral)]
    [InlineData("Best Buy lost my order, awful", SentimentLabel.Negative)]
    [InlineData("GLAD bags keep the kitchen tidy", SentimentLabel.Neutral)]
    [InlineData("Glad bags are great", SentimentLabel.Positive)]
    public void A_brand_name_carries_no_opinion_of_its_own(string text, SentimentLabel label)
    {
        const string yaml = """
            concepts:
              - id: price
                query: 'price'
            brands:
              - id: bestbuy
                query: '"best buy"'
              - id: glad
                query: 'glad ONEAR/1 bags'
            """;
        var analyzer = AnalyzerOf(yaml);
        var post = TestPosts.Make("p", DateTimeOffset.UtcNow, text: text);

        var analysis = analyzer.Analyze(post, new AnalysisScratch(), [])!;
        var explanation = analyzer.Explain(post, new AnalysisScratch());

        Assert.Equal(label, analysis.Sentiment!.Value.Label);
        Assert.Equal(analysis.Sentiment, explanation.Sentiment);

        // Read without the model, the name's words weigh in.
        Assert.NotEqual(analysis.Sentiment.Value.Compound, SentimentScorer.Load().Score(text, new StreamEngine.Domain.Text.TokenizedText()).Compound);
    }

    [Fact]
    public void A_name_read_as_a_brand_in_one_post_is_a_word_again_in_the_next()
    {
        const string yaml = """
            brands:
              - id: glad
                query: 'glad'
              - id: acme
                query: 'acme'
            """;
        var analyzer = AnalyzerOf(yaml);
        var scratch = new AnalysisScratch();

        Assert.Equal(SentimentLabel.Neutral, analyzer.Analyze(TestPosts.Make("p", DateTimeOffset.UtcNow, text: "glad"), scratch, [])!.Sentiment!.Value.Label);
        Assert.Equal(SentimentLabel.Positive, analyzer.Analyze(TestPosts.Make("q", DateTimeOffset.UtcNow, text: "so happy with acme"), scratch, [])!.Sentiment!.Value.Label);
    }

    [Fact]
    public void A_parent_lists_each_word_its_children_share_once_however_often_the_post_repeats_it()
    {
        const string yaml = """
            concepts:
              - id: logistics
                query: 'logistics'
              - id: delivery
                query: 'delivery OR shipping'
                parent: logistics
              - id: shipping-costs
                query: 'shipping'
                parent: logistics
            brands:
              - id: acme
                query: 'acme'
            """;
        var analyzer = AnalyzerOf(yaml);
        var text = string.Concat(Enumerable.Repeat("shipping delivery ", 5_000));

        var concepts = analyzer.Explain(TestPosts.Make("p", DateTimeOffset.UtcNow, text: text), new AnalysisScratch())
            .Concepts.ToDictionary(c => c.Id, c => c.Spans);

        var expected = Enumerable.Range(0, 5_000)
            .SelectMany(i => new[] { new TextSpan(18 * i, (18 * i) + 8), new TextSpan((18 * i) + 9, (18 * i) + 17) })
            .ToList();
        Assert.Equal(expected, concepts["delivery"]);
        Assert.Equal(expected, concepts["logistics"]);
        Assert.Equal(expected.Where((_, i) => i % 2 == 0), concepts["shipping-costs"]);
    }
}
