using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Model;

namespace StreamEngine.Domain.Tests;

public sealed class ModelLoaderTests
{
    private const string Source = "test-model.yaml";

    private const string Valid =
        """
        concepts:
          - id: delivery
            name: Delivery
            query: delivery OR shipping OR "late parcel"
          - id: price
            name: Price
            query: price OR expensive OR cheap
          - id: late-delivery
            name: Late delivery
            query: '"late delivery"'
            parent: delivery
        brands:
          - id: acme
            name: Acme
            query: 'acme OR "acme corp" OR @acme OR #acme'
            competitors: [globex]
          - id: globex
            name: Globex
            query: globex OR @globex
            competitors:
              - acme
          - id: initech
            query: initech
        """;

    private static ModelException Refused(string yaml)
    {
        var ex = Assert.Throws<ModelException>(() => ModelLoader.Parse(yaml, Source));
        Assert.NotEmpty(ex.Errors);
        Assert.All(ex.Errors, e => Assert.Equal(Source, e.Source));
        return ex;
    }

    private static ModelError Single(string yaml) => Assert.Single(Refused(yaml).Errors);

    /// <summary>The text of <paramref name="yaml"/> from the error's 1-based line and column on.</summary>
    private static string At(string yaml, ModelError error)
    {
        var lines = yaml.Split('\n');
        Assert.InRange(error.Line, 1, lines.Length);
        var line = lines[error.Line - 1];
        Assert.InRange(error.Column, 1, line.Length);
        return line[(error.Column - 1)..];
    }

    [Fact]
    public void Loads_a_valid_model()
    {
        var model = ModelLoader.Parse(Valid, Source);

        Assert.Equal(["acme", "globex", "initech"], model.Brands.Select(b => b.Id));
        Assert.Equal(["delivery", "price", "late-delivery"], model.Concepts.Select(c => c.Id));
        Assert.True(model.TryGetBrand("acme", out var acme));
        Assert.Equal("Acme", acme.Name);
        Assert.Equal(["globex"], acme.Competitors);
        Assert.Equal(4, acme.Query.Literals.Count);
        Assert.Equal("acme OR \"acme corp\" OR @acme OR #acme", acme.Query.Source);
        Assert.True(model.TryGetBrand("globex", out var globex));
        Assert.Equal(["acme"], globex.Competitors);
        Assert.True(model.TryGetBrand("initech", out var initech));
        Assert.Equal("initech", initech.Name);
        Assert.Empty(initech.Competitors);
        Assert.Equal("delivery", model.Concepts[2].Parent);
        Assert.Equal(["late", "delivery"], Assert.IsType<PhraseNode>(model.Concepts[2].Query.Root).Words);
        Assert.Null(model.Concepts[0].Parent);
    }

    [Fact]
    public void A_loaded_model_matches_posts()
    {
        var model = ModelLoader.Parse(Valid, Source);
        var brands = new List<int>();
        var concepts = new List<int>();

        model.Match("@Globex is cheap, unlike Acme, but the late delivery…", new CompiledMatchScratch(), brands, concepts);

        Assert.Equal(["acme", "globex"], brands.Select(b => model.Brands[b].Id).Order());
        Assert.Equal(["delivery", "late-delivery", "price"], concepts.Select(c => model.Concepts[c].Id).Order());
    }

    [Fact]
    public void Reads_a_brands_alert_settings_and_the_webhooks()
    {
        var model = ModelLoader.Parse(
            "brands:\n  - id: acme\n    query: acme\n    alerts:\n      threshold: 3.5\n      minMentions: 50\n      coolDownMinutes: 10\n"
            + "  - id: globex\n    query: globex\n"
            + "webhooks:\n  - url: https://hooks.example.com/se\n    secret: abc\n    brands: [acme]\n    minSeverity: high\n"
            + "  - url: http://127.0.0.1:9000/all\n    secret: def\n",
            Source);

        Assert.True(model.TryGetBrand("acme", out var acme));
        Assert.Equal(AlertSettings.Default with { Threshold = 3.5, MinimumMentions = 50, CoolDownMinutes = 10 }, acme.Alerts);
        Assert.True(model.TryGetBrand("globex", out var globex));
        Assert.Equal(AlertSettings.Default, globex.Alerts);
        Assert.Equal(2, model.Webhooks.Count);
        Assert.Equal((new Uri("https://hooks.example.com/se"), "abc", AlertSeverity.High), (model.Webhooks[0].Url, model.Webhooks[0].Secret, model.Webhooks[0].MinimumSeverity));
        Assert.Equal(["acme"], model.Webhooks[0].Brands);
        Assert.Empty(model.Webhooks[1].Brands);
    }

    [Theory]
    [InlineData("      threshold: high\n", "alerts.threshold is 'high': expected a number", "high")]
    [InlineData("      minMentions: 2.5\n", "alerts.minMentions is '2.5': expected a whole number", "2.5")]
    [InlineData("      loudness: 3\n", "alerts.loudness is not a setting", "loudness")]
    [InlineData("      smoothing: 2\n", "alerts: smoothing must be in (0, 1]", "2")]
    [InlineData("      threshold: 1e309\n", "alerts: threshold must be a positive, finite z-score", "1e309")]
    [InlineData("      minMentions: -5\n", "alerts: minMentions must be at least 1", "-5")]
    [InlineData("      graceMinutes: 100000000000\n", "alerts.graceMinutes is '100000000000': expected a whole number from", "100000000000")]
    public void Bad_alert_settings_are_refused_where_they_are(string setting, string message, string at)
    {
        var yaml = "brands:\n  - id: acme\n    query: acme\n    alerts:\n      warmUpMinutes: 30\n" + setting;
        var error = Single(yaml);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(at, At(yaml, error), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_alert_setting_is_refused_each_where_it_is_written()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme\n    alerts:\n      threshold: 0\n      loudness: 3\n"
            + "      minMentions: -5\n      coolDownMinutes: -1\n      warmUpMinutes: 1\n      smoothing: 2\n      graceMinutes: 61\n";

        var errors = Refused(yaml).Errors;

        string[] settings = ["threshold", "loudness", "minMentions", "coolDownMinutes", "warmUpMinutes", "smoothing", "graceMinutes"];
        Assert.Equal([5, 6, 7, 8, 9, 10, 11], errors.Select(e => e.Line));
        Assert.All(errors.Zip(settings), pair => Assert.Contains(pair.Second, pair.First.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Loads_a_model_without_concepts()
    {
        var model = ModelLoader.Parse("brands:\n  - id: acme\n    query: acme\n", Source);

        Assert.Single(model.Brands);
        Assert.Empty(model.Concepts);
    }

    [Fact]
    public void Points_a_bad_query_at_the_problem_inside_the_query_text()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme AND AND corp\n";

        var error = Single(yaml);

        Assert.Equal(3, error.Line);
        Assert.Equal(21, error.Column);
        Assert.StartsWith("AND corp", At(yaml, error), StringComparison.Ordinal);
        Assert.StartsWith("query:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    query: 'acme OR'", "OR'")]
    [InlineData("    query: \"acme OR OR globex\"", "OR globex")]
    [InlineData("    query: acme OR !!!", "!!!")]
    [InlineData("    query: OR acme", "OR acme")]
    [InlineData("    query: \"\\\"acme corp\\\" AND AND x\"", "AND x")]
    [InlineData("    query: 'acme''s AND AND x'", "AND x")]
    [InlineData("    query: \"acme\\tAND AND x\"", "AND x")]
    [InlineData("    query: \"caf\\u00e9 OR \\U0001F525 AND AND x\"", "AND x")]
    [InlineData("    query: \"caf\\xe9 AND AND x\"", "AND x")]
    public void Points_at_the_problem_of_a_quoted_query_past_its_quote_and_escapes(string queryLine, string expectedAt)
    {
        var yaml = "brands:\n  - id: acme\n" + queryLine + "\n";

        var error = Single(yaml);

        Assert.Equal(3, error.Line);
        Assert.StartsWith(expectedAt, At(yaml, error), StringComparison.Ordinal);
    }

    [Fact]
    public void Points_a_bad_query_in_a_folded_block_scalar_at_the_problem()
    {
        // Long queries are naturally written as folded scalars; the position must still land in the query text.
        const string yaml = "brands:\n  - id: acme\n    query: >-\n      acme OR globex\n      OR initech AND AND x\n";

        var error = Single(yaml);

        Assert.Equal(5, error.Line);
        Assert.StartsWith("AND x", At(yaml, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("webhook:\n  - url: http://h/x\n    secret: s\n", "webhook", "'webhook' is not a key of the model; expected one of concepts, brands, webhooks")]
    [InlineData("webhooks:\n  - url: http://h/x\n    secret: s\n    minSeverty: high\n", "minSeverty", "'minSeverty' is not a key of a webhook")]
    [InlineData("webhooks:\n  - url: http://h/x\n    secret: s\n    brand: [acme]\n", "brand:", "'brand' is not a key of a webhook")]
    [InlineData("webhooks:\n  - url: http://h/x\n    secret: s\n    brands: []\n", "[]", "a webhook's 'brands' lists no brand")]
    [InlineData("concepts:\n  - id: c\n    query: c\n    parnet: d\n", "parnet", "'parnet' is not a key of a concept")]
    [InlineData("    competitor: [globex]\n", "competitor", "'competitor' is not a key of a brand")]
    public void Refuses_a_key_it_does_not_know_where_it_is(string tail, string at, string message)
    {
        var yaml = "brands:\n  - id: acme\n    query: acme\n" + tail;

        var error = Single(yaml);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(at, At(yaml, error), StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_duplicate_key_with_its_position()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme\n    query: globex\n";

        var error = Single(yaml);

        Assert.Equal(4, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_unknown_competitor_where_it_is_named()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme\n    competitors: [globex, umbrella]\n  - id: globex\n    query: globex\n";

        var error = Single(yaml);

        Assert.Equal(4, error.Line);
        Assert.StartsWith("umbrella", At(yaml, error), StringComparison.Ordinal);
        Assert.Contains("'umbrella'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a brand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_brand_that_competes_with_itself()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme\n    competitors:\n      - acme\n";

        var error = Single(yaml);

        Assert.Equal(5, error.Line);
        Assert.Equal(9, error.Column);
        Assert.Contains("own competitor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_competitor_listed_twice()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme\n    competitors:\n      - globex\n      - globex\n  - id: globex\n    query: globex\n";

        var error = Single(yaml);

        Assert.Equal(6, error.Line);
        Assert.Equal(9, error.Column);
        Assert.Contains("competitor 'globex' is listed more than once for brand 'acme' (first at line 5, column 9)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_duplicate_brand_id()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme\n  - id: acme\n    query: acmecorp\n";

        var error = Single(yaml);

        Assert.Equal(4, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Equal("brand id 'acme' is declared more than once (first at line 2, column 5); expected an id of its own", error.Message);
    }

    [Fact]
    public void Reports_a_duplicate_concept_id()
    {
        const string yaml = "concepts:\n  - id: price\n    query: price\n  - id: price\n    query: cost\nbrands:\n  - id: acme\n    query: acme\n";

        var error = Single(yaml);

        Assert.Equal(4, error.Line);
        Assert.Contains("concept id 'price'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("acme!")]
    [InlineData("-acme")]
    [InlineData("ac me")]
    public void Reports_an_id_that_breaks_the_pattern(string id)
    {
        var yaml = $"brands:\n  - id: '{id}'\n    query: acme\n";

        var error = Single(yaml);

        Assert.Equal(2, error.Line);
        Assert.Equal(9, error.Column);
        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_id_ending_in_a_line_break_naming_where_an_id_must_start()
    {
        // A block scalar (id: |) keeps the line break: the id looked like acme and was another brand.
        var error = Single("brands:\n  - id: |\n      acme\n    query: acme\n");
        Assert.Contains("brand id 'acme\n'", error.Message, StringComparison.Ordinal);

        var dash = Single("brands:\n  - id: -globex\n    query: globex\n");
        Assert.Contains("starting with a letter or digit", dash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_missing_query_at_its_entry()
    {
        const string yaml = "brands:\n  - id: acme\n    name: Acme\n";

        var error = Single(yaml);

        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("'query' is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_empty_query()
    {
        const string yaml = "brands:\n  - id: acme\n    query: ''\n";

        var error = Single(yaml);

        Assert.Equal(3, error.Line);
        Assert.Contains("'query'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brands:\n  - id: acme\n    query: null\n", 3, "null")]
    [InlineData("brands:\n  - id: acme\n    query: ~\n", 3, "~")]
    [InlineData("brands:\n  - id: acme\n    query: !!null\n", 3, "!!null")]
    [InlineData("brands:\n  - id: acme\n    query:\n", 3, null)]
    [InlineData("{\"brands\":[{\"id\":\"acme\",\n\"query\":null}]}", 2, "null")]
    public void Refuses_a_null_query_where_it_is_rather_than_matching_the_word_null(string model, int line, string? at)
    {
        var error = Single(model);

        Assert.Equal("'query' must be a non-empty text", error.Message);
        Assert.Equal(line, error.Line);
        if (at is not null)
        {
            Assert.StartsWith(at, At(model, error), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Takes_a_null_optional_field_as_absent_and_a_quoted_null_as_the_word()
    {
        const string json =
            """
            {"concepts":[{"id":"price","query":"price","parent":null,"kind":null,"name":null}],
             "brands":[{"id":"acme","query":"'null' OR acme","competitors":null,"alerts":null,"security":null}]}
            """;

        var model = ModelLoader.Parse(json, Source);

        var price = Assert.Single(model.Concepts);
        Assert.Null(price.Parent);
        Assert.Equal("price", price.Name);
        Assert.Empty(Assert.Single(model.Brands).Competitors);
        var brands = new List<int>();
        model.Match("the value is null", new CompiledMatchScratch(), brands, []);
        Assert.Equal([0], brands);
    }

    // A query as an analyst types it, unquoted, where YAML reads its first character as syntax.
    [Theory]
    [InlineData("*acme", 4, 12, "'*acme' reads as a YAML alias of an anchor '&acme' the file does not define: put a value that starts with '*' in quotes")]
    [InlineData("@acme OR #acme", 4, 12, "'@acme OR #acme': YAML does not let a value that is not in quotes start with '@'")]
    [InlineData("%acme", 4, 12, "'%acme': YAML does not let a value that is not in quotes start with '%'")]
    [InlineData("#acme OR @acme", 4, 11, "'query' must be a non-empty text: a '#' after a space starts a YAML comment")]
    [InlineData("!acme", 4, 12, "'query' must be a non-empty text: '!' starts a YAML tag, so '!acme' was read as one")]
    [InlineData("[acme, corp]", 4, 12, "'query' must be a non-empty text, not a list")]
    public void Names_what_YAML_made_of_a_query_not_in_quotes(string query, int line, int column, string message)
    {
        var error = Single($"brands:\n  - id: a\n    name: A\n    query: {query}\n");

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_of_an_anchor_the_file_defines_is_read()
    {
        var model = ModelLoader.Parse("brands:\n  - id: a\n    name: A\n    query: &q acme\n  - id: b\n    name: B\n    query: *q\n", "model.yaml");

        Assert.Equal(["acme", "acme"], model.Brands.Select(b => b.Query.ToString()));
    }

    [Fact]
    public void A_repeated_concept_id_is_reported_where_it_repeats_and_first_is_the_earlier()
    {
        var error = Single("brands:\n  - id: a\n    name: A\n    query: x\n    concepts:\n      - {id: own, name: O, query: y}\nconcepts:\n  - {id: own, name: L, query: z}\n");

        Assert.Equal(8, error.Line);
        Assert.Contains("(first at line 6, column 9)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brands:\n\t- id: acme\n", 2, 1)]
    [InlineData("brands:\n  - id: acme\n\tname: Acme\n    query: acme\n", 3, 1)]
    [InlineData("brands:\n  - id: acme\n    query: acme\n  \t# comment\n", 4, 3)]
    public void Points_at_a_tab_in_the_indentation(string yaml, int line, int column)
    {
        var error = Single(yaml);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal("a tab in the indentation: YAML indents with spaces", error.Message);
    }

    [Theory]
    [InlineData("    query: &q 'acme OR AND'")]
    [InlineData("    query: !!str 'acme OR AND'")]
    [InlineData("    query: !!str &q acme OR AND")]
    public void Points_at_the_problem_of_a_query_written_with_an_anchor_or_a_tag(string queryLine)
    {
        var yaml = "brands:\n  - id: acme\n" + queryLine + "\n";

        var error = Single(yaml);

        Assert.Equal(3, error.Line);
        Assert.StartsWith("AND", At(yaml, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brands:\n  - id: acme\n    query: !!str null\n")]
    [InlineData("brands:\n  - id: acme\n    query: \"null\"\n---\n")]
    public void Reads_a_tagged_or_quoted_null_as_the_word_and_an_empty_last_document_as_nothing(string yaml)
    {
        var model = ModelLoader.Parse(yaml, Source);

        var brands = new List<int>();
        model.Match("the value is null", new CompiledMatchScratch(), brands, []);
        Assert.Equal([0], brands);
    }

    [Fact]
    public void Refuses_a_second_YAML_document_where_it_starts()
    {
        const string yaml = "brands:\n  - id: acme\n    query: acme\n---\nbrands:\n  - id: globex\n    query: globex\n";

        var error = Single(yaml);

        Assert.Equal(5, error.Line);
        Assert.Contains("one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_missing_brands()
    {
        const string yaml = "concepts:\n  - id: price\n    query: price\n";

        var error = Single(yaml);

        Assert.Equal(1, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("'brands' is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brands: []\n")]
    [InlineData("brands:\n")]
    public void Reports_an_empty_brand_list(string yaml)
    {
        var error = Single(yaml);

        Assert.Contains("at least one brand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_unknown_parent_concept()
    {
        const string yaml = "concepts:\n  - id: late\n    query: late\n    parent: delivery\nbrands:\n  - id: acme\n    query: acme\n";

        var error = Single(yaml);

        Assert.Equal(4, error.Line);
        Assert.Equal(13, error.Column);
        Assert.Contains("'delivery'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_at_the_problem_of_a_query_in_a_JSON_model_written_with_escapes()
    {
        const string json = "{\"brands\":[{\"id\":\"b\",\"query\":\"\\\"acme corp\\\" AND AND x\"}]}";

        var error = Single(json);

        Assert.StartsWith("AND x", At(json, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - id: c\n    query: c\n    parent: d\n  - id: d\n    query: d\n    parent: c\n", 2)]
    [InlineData("  - id: c\n    query: c\n    parent: c\n", 1)]
    [InlineData("  - id: c\n    query: c\n    parent: c\n  - id: c\n    query: c2\n    parent: d\n  - id: d\n    query: d\n", 2)]
    public void Refuses_a_concept_that_would_be_its_own_ancestor(string concepts, int errors)
    {
        var refused = Refused("concepts:\n" + concepts + "brands:\n  - id: acme\n    query: acme\n");

        // A duplicated id is reported as such, next to the cycle its first declaration makes.
        Assert.Equal(errors, refused.Errors.Count);
        Assert.All(refused.Errors, e => Assert.Matches("would be its own ancestor|declared more than once", e.Message));
        Assert.Contains(refused.Errors, e => e.Message.Contains("(c -> ", StringComparison.Ordinal) && e.Line == 4);
    }

    private const string BrandConcepts =
        """
        concepts:
          - id: product
            query: product
        brands:
          - id: acme
            query: acme
            concepts:
              - id: rocket-skates
                name: Rocket skates
                query: '"rocket skates"'
                parent: product
              - id: skate-wheels
                query: wheels
                parent: rocket-skates
              - id: acme-refund
                kind: intent
                query: refund
          - id: globex
            query: globex
        """;

    [Fact]
    public void A_brand_may_add_concepts_of_its_own_under_the_librarys_or_its_own()
    {
        var model = ModelLoader.Parse(BrandConcepts, Source);

        Assert.Equal(["product", "rocket-skates", "skate-wheels", "acme-refund"], model.Concepts.Select(c => c.Id));
        Assert.Equal([null, "acme", "acme", "acme"], model.Concepts.Select(c => c.Brand));
        Assert.Equal([-1, 0, 0, 0], Enumerable.Range(0, 4).Select(model.BrandOfConcept));
        Assert.Equal(("Rocket skates", "product", ConceptKind.Intent), (model.Concepts[1].Name, model.Concepts[1].Parent, model.Concepts[3].Kind));
    }

    [Theory]
    [InlineData("    concepts:\n      - id: product\n        query: p2\n", "concept id 'product' is declared more than once")]
    [InlineData("    concepts:\n      - id: mine\n        query: m\n        parent: theirs\n", "concept 'mine' of brand 'initech' cannot sit under 'theirs', brand 'globex''s own concept")]
    [InlineData("    concepts:\n      - id: mine\n        query: m\n        parent: nowhere\n", "parent 'nowhere' is not a concept of this model")]
    [InlineData("    concepts: mine\n", "'concepts' must be")]
    public void Refuses_a_brands_own_concept_that_clashes_with_another_or_sits_under_another_brands(string initechConcepts, string expected)
    {
        var yaml = """
            concepts:
              - id: product
                query: product
              - id: gear
                query: gear
            brands:
              - id: globex
                query: globex
                concepts:
                  - id: theirs
                    query: t
              - id: initech
                query: initech

            """ + initechConcepts;

        var error = Single(yaml);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_library_concept_under_a_brands_own()
    {
        var error = Single(BrandConcepts.Replace("  - id: product\n    query: product\n", "  - id: product\n    query: product\n  - id: toys\n    query: toys\n    parent: rocket-skates\n", StringComparison.Ordinal));

        Assert.Equal("concept 'toys' of the library cannot sit under 'rocket-skates', brand 'acme''s own concept: a library concept's parent is in the library", error.Message);
    }

    [Theory]
    [InlineData("brands:\n  - id: acme\n    query: acme: corp\n", 3, 16, "put the value in quotes")]
    [InlineData("brands:\n  - id: acme\n    query: acme\n    query: b\n", 4, 5, "'query' is given twice in this entry")]
    [InlineData("brands:\n  - id: acme\n   query: acme\n", 3, 4, "'query: acme': expected a list entry starting with '-'")]
    [InlineData("brands:\n  - id: acme\n    query: \"acme\n", 3, 12, "the quote opened here is never closed")]
    [InlineData("{\"brands\":[{\"id\":\"a\",\"query\":\"a\"}", 1, 34, "at the end of the text: expected ',' before the next item or ']'")]
    [InlineData("{\"brands\":[{\"id\":\"a\" \"query\":\"a\"}]}", 1, 22, "expected ',' before the next field or '}'")]

    // A flow collection left open, where the YAML reader itself fails without a position: where it opens.
    [InlineData("x: [a\ny: b\n", 1, 4, "this '[' is not closed")]
    [InlineData("brands:\n  - id: b\n    name: [b\n    query: acme\n", 3, 11, "this '[' is not closed")]
    [InlineData("brands:\n  - id: b\n    name: {b: c\n    query: acme\n", 3, 11, "this '{' is not closed")]
    public void A_YAML_or_JSON_syntax_error_says_what_was_found_and_what_to_write(string yaml, int line, int column, string expected)
    {
        var error = Single(yaml);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_of_thousands_of_concepts_is_spelt_short_in_each_of_its_errors()
    {
        const int length = 3000;
        var concepts = string.Concat(Enumerable.Range(0, length).Select(i => $"  - id: c{i}\n    query: w{i}\n    parent: c{(i + length - 1) % length}\n"));

        var refused = Refused("concepts:\n" + concepts + "brands:\n  - id: acme\n    query: acme\n");

        Assert.Equal(length, refused.Errors.Count);
        Assert.Equal("concept 'c5' would be its own ancestor (c5 -> c4 -> c3 -> c2 -> … -> c6 -> c5: 3,000 concepts); a taxonomy has no cycles",
            refused.Errors.Single(e => e.Message.StartsWith("concept 'c5' ", StringComparison.Ordinal)).Message);
    }

    [Theory]
    [InlineData("brands: ", "[", "]")]
    [InlineData("{\"brands\": ", "[", "]}")]
    [InlineData("brands:\n  - ", "{a: ", "}")]
    public void Collections_nested_past_any_model_are_refused_where_they_go_too_deep(string head, string open, string close)
    {
        // 40,000 levels overflowed the stack and ended the node.
        var yaml = head + string.Concat(Enumerable.Repeat(open, 40_000)) + string.Concat(Enumerable.Repeat(close, 40_000)) + "\n";

        var error = Single(yaml);

        Assert.Contains("collections nest more than 64 deep here", error.Message, StringComparison.Ordinal);
        Assert.Equal(head.Count(c => c == '\n') + 1, error.Line);
    }

    [Fact]
    public void Reports_a_YAML_syntax_error_with_its_position()
    {
        const string yaml = "brands:\n  - id: acme\n    query: [acme\n";

        var error = Single(yaml);

        Assert.True(error.Line >= 3, $"expected the error on line 3 or later, got {error}");
        Assert.True(error.Column >= 1, $"expected a column, got {error}");
    }

    [Fact]
    public void Reports_every_error_of_a_model_at_once()
    {
        const string yaml =
            """
            concepts:
              - id: Price
                query: price
              - id: delivery
                query: delivery OR
            brands:
              - id: acme
                query: acme AND AND corp
              - id: globex
                query: globex
                competitors: [globex, umbrella]
              - id: globex
                query: globex2
              - id: initech
                name: Initech
            """;

        var ex = Refused(yaml);

        Assert.Equal([2, 5, 8, 11, 11, 12, 14], ex.Errors.Select(e => e.Line).Order());
        Assert.Contains(ex.Errors, e => e.Line == 2 && e.Column == 9 && e.Message.Contains("'Price'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 5 && e.Column == 21 && e.Message.StartsWith("query:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 8 && e.Column == 21 && e.Message.StartsWith("query:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 11 && e.Column == 19 && e.Message.Contains("own competitor", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 11 && e.Column == 27 && e.Message.Contains("'umbrella'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 12 && e.Column == 5 && e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 14 && e.Column == 5 && e.Message.Contains("'query' is required", StringComparison.Ordinal));
        foreach (var error in ex.Errors)
        {
            Assert.Contains(error.ToString(), ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_entry_with_a_bad_or_missing_id_still_has_its_other_fields_checked()
    {
        const string yaml =
            """
            concepts:
              - id: C2
                query: a2
                kind: mood
                parent: ghost
              - query: b2
                kind: mood
            brands:
              - id: Acme
                query: acme
                competitors: [nobody]
                alerts: {threshold: -5}
              - id: globex
                query: globex
            """;

        var ex = Refused(yaml);

        Assert.Contains(ex.Errors, e => e.Line == 2 && e.Message.Contains("'C2'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 4 && e.Message.Contains("kind 'mood'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 5 && e.Message.Contains("parent 'ghost' is not a concept", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 6 && e.Message.Contains("'id' is required", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 7 && e.Message.Contains("kind 'mood'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 9 && e.Message.Contains("'Acme'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 11 && e.Message.Contains("competitor 'nobody' is not a brand", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 12 && e.Message.Contains("threshold", StringComparison.Ordinal));
        Assert.Equal(8, ex.Errors.Count);

        // In the file's order, though references are checked after the entries.
        Assert.Equal(ex.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), ex.Errors);
    }

    [Theory]
    [InlineData("concepts:\n  - query: a\n    name: [x, y]\nbrands:\n  - id: acme\n    query: acme\n")]
    [InlineData("brands:\n  - id: Acme\n    query: acme\n    name: [x, y]\n")]
    public void An_entry_with_a_bad_id_still_has_its_name_checked(string yaml)
    {
        var errors = Refused(yaml).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message == "'name' must be a non-empty text, not a list: put a value that starts with '[' in quotes");
    }

    [Theory]
    [InlineData("intent", "", "concept 'price' is a topic and its parent 'complaint' an intent")]
    [InlineData("topic", "    kind: intent\n", "concept 'price' is an intent and its parent 'complaint' a topic")]
    public void Refuses_a_concept_whose_parent_is_of_another_kind(string parentKind, string childKind, string expected)
    {
        // The parent's query is bad too: its kind is still read.
        var yaml = "concepts:\n  - id: complaint\n    query: refund AND\n    kind: " + parentKind + "\n"
            + "  - id: price\n    query: price\n    parent: complaint\n" + childKind
            + "brands:\n  - id: acme\n    query: acme\n";

        var errors = Refused(yaml).Errors;

        Assert.Equal(2, errors.Count);
        var error = errors.Single(e => e.Line == 7);
        Assert.Equal(13, error.Column);
        Assert.Equal(expected + ": a concept's parent is of its own kind", error.Message);
    }

    [Fact]
    public void Does_not_call_a_declared_brand_unknown_because_its_query_is_bad()
    {
        // globex is declared; only its query is wrong. The analyst should see that one error,
        // not also "competitor 'globex' is not a brand of this model" on acme.
        const string yaml = "brands:\n  - id: acme\n    query: acme\n    competitors: [globex]\n  - id: globex\n    query: globex AND AND x\n";

        var error = Single(yaml);

        Assert.Equal(6, error.Line);
        Assert.StartsWith("query:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_unknown_competitor_of_a_brand_whose_query_is_bad()
    {
        // Every problem is to be reported at once, so the competitor error must not wait for the query fix.
        const string yaml = "brands:\n  - id: acme\n    query: acme AND AND x\n    competitors: [umbrella]\n";

        var ex = Refused(yaml);

        Assert.Contains(ex.Errors, e => e.Line == 3 && e.Message.StartsWith("query:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 4 && e.Message.Contains("'umbrella'", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_file_that_is_not_UTF_8_where_the_bad_byte_is_and_reads_one_with_a_byte_order_mark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllBytes(path, [.. "brands:\n  - id: acme\n    query: caf"u8, 0xE9, .. "\n"u8]);
            var error = Assert.Single(Assert.Throws<ModelException>(() => ModelLoader.LoadFile(path)).Errors);
            Assert.Equal((path, 3, 15), (error.Source, error.Line, error.Column));
            Assert.StartsWith("the model is not valid UTF-8: byte 0xE9", error.Message, StringComparison.Ordinal);

            File.WriteAllBytes(path, [.. "\uFEFF"u8, .. "brands:\n  - id: acme\n    query: café\n"u8]);
            Assert.Equal("acme", Assert.Single(ModelLoader.LoadFile(path).Brands).Id);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Refuses_a_directory_saying_it_is_one()
    {
        var error = Assert.Single(Assert.Throws<ModelException>(() => ModelLoader.LoadFile(AppContext.BaseDirectory)).Errors);

        Assert.Equal(AppContext.BaseDirectory, error.Source);
        Assert.Contains("a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_that_does_not_exist()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-model.yaml");

        var ex = Assert.Throws<ModelException>(() => ModelLoader.LoadFile(path));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(path, error.Source);
    }

    [Fact]
    public void Loads_the_shipped_model()
    {
        var root = FindSolutionDirectory();
        var model = ModelLoader.LoadFile(Path.Combine(root, "config", "model.yaml"));

        Assert.True(model.Brands.Count >= 8, $"expected at least 8 brands, found {model.Brands.Count}");
        Assert.True(model.Concepts.Count >= 12, $"expected at least 12 concepts, found {model.Concepts.Count}");
        var scratch = new CompiledMatchScratch();
        var brands = new List<int>();
        var concepts = new List<int>();
        for (var i = 0; i < model.Brands.Count; i++)
        {
            var brand = model.Brands[i];
            model.Match(brand.Name, scratch, brands, concepts);
            Assert.True(brands.Contains(i), $"brand '{brand.Id}': its name '{brand.Name}' does not match its query '{brand.Query.Source}'");
        }
    }

    [Theory]
    [InlineData("I highly recommend Acme", true)]
    [InlineData("Acme is worth it", true)]
    [InlineData("I can't recommend Acme enough", true)]
    [InlineData("I would not recommend Acme", false)]
    [InlineData("I wouldn't recommend Acme to anyone", false)]
    [InlineData("Acme is not worth it", false)]
    public void The_shipped_recommendation_intent_leaves_out_advice_against(string text, bool recommends)
    {
        var model = ModelLoader.LoadFile(Path.Combine(FindSolutionDirectory(), "config", "model.yaml"));
        var brands = new List<int>();
        var concepts = new List<int>();

        model.Match(text, new CompiledMatchScratch(), brands, concepts);

        Assert.Equal(recommends, concepts.Any(c => model.Concepts[c].Id == "recommendation"));
    }

    [Theory]
    [InlineData("I want to buy a new phone", "purchase-intent")]
    [InlineData("I wanna buy a new laptop", "purchase-intent")]
    [InlineData("Just preordered the new Acme", "purchase-intent")]
    [InlineData("Added to cart!", "purchase-intent")]
    [InlineData("I don't want to buy it", null)]
    [InlineData("I am never going to buy from Acme again", "complaint")]
    [InlineData("Never buying from Acme again", "complaint")]
    [InlineData("My order hasn't arrived", "complaint")]
    [InlineData("My Acme phone broke after two days", "complaint")]
    [InlineData("I was not disappointed", null)]
    [InlineData("Not the worst phone", null)]
    [InlineData("What is the best phone?", "question")]
    [InlineData("Is it worth it?", "question")]
    [InlineData("Not recommended", null)]
    [InlineData("Acme isn't awful", null)]
    [InlineData("Acme is never terrible", null)]
    [InlineData("I'm never disappointed by Acme", null)]
    [InlineData("The Acme price isn't terrible", null)]
    [InlineData("I can't recommend Acme", null)]
    [InlineData("I am not thinking of buying Acme", null)]
    [InlineData("I will never buy Acme", null)]
    [InlineData("Acme lost my package and blamed the courier", "complaint")]
    [InlineData("Do not buy Acme. Total waste of money", "complaint")]
    [InlineData("Acme's customer service is a joke", "complaint")]
    [InlineData("Paid for Acme premium and got ads anyway. Rip off", "complaint")]
    [InlineData("Acme support never replied to my ticket", "complaint")]
    [InlineData("This is horrible", "complaint")]
    [InlineData("Anyone tried the Acme vacuum yet?", "question")]
    [InlineData("How long does Acme delivery usually take?", "question")]
    [InlineData("Honestly Acme is worth every penny", "recommendation")]
    [InlineData("Get the Acme, you won't regret it", "recommendation")]
    [InlineData("Just ordered an Acme vacuum", "purchase-intent")]
    [InlineData("Will definitely purchase the next Acme", "purchase-intent")]
    [InlineData("Saving up for the new Acme", "purchase-intent")]
    [InlineData("Not happy. Terrible service from Acme", "complaint")]
    [InlineData("Not impressed, awful support from Acme", "complaint")]
    [InlineData("I have never been so disappointed by Acme", "complaint")]
    [InlineData("Never had such awful service as at Acme", "complaint")]
    [InlineData("Not only terrible service but rude staff at Acme", "complaint")]
    [InlineData("Will my order arrive today?", null)]
    [InlineData("Acme will buy Globex for $2bn", null)]
    [InlineData("Love how long the Acme battery lasts", null)]
    [InlineData("You don't know how much I love Acme", null)]
    [InlineData("I lost my keys and Acme support found them", null)]
    [InlineData("I'll buy the new Acme tomorrow", "purchase-intent")]
    [InlineData("Acme was not so terrible", null)]
    [InlineData("It wasn't bad, not at all disappointed with Acme", null)]
    [InlineData("Acme is hardly ever disappointing", null)]
    [InlineData("I lost my entire Acme order", "complaint")]
    public void The_shipped_intents_read_plain_posts_as_their_writers_mean_them(string text, string? intent)
    {
        var model = ModelLoader.LoadFile(Path.Combine(FindSolutionDirectory(), "config", "model.yaml"));
        var concepts = new List<int>();

        model.Match(text, new CompiledMatchScratch(), [], concepts);

        var intents = concepts.Select(c => model.Concepts[c]).Where(c => c.Kind == ConceptKind.Intent).Select(c => c.Id).ToList();
        Assert.Equal(intent is null ? [] : [intent], intents);
    }

    private static string FindSolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamEngine.sln")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail($"no StreamEngine.sln above {AppContext.BaseDirectory}");
        return "";
    }
}
