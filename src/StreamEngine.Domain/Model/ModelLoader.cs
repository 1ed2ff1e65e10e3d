using System.Globalization;
using System.Text.RegularExpressions;
using StreamEngine.Domain.Alerts;
using StreamEngine.Domain.Matching;
using StreamEngine.Domain.Query;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace StreamEngine.Domain.Model;

/// <summary>
/// Reads <c>model.yaml</c>. Every problem is collected with its line and column so an analyst can
/// fix a whole file in one go; a model with any error is refused whole.
/// </summary>
public static partial class ModelLoader
{
    public static ListeningModel LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ModelException([new ModelError(path, 0, 0, "a directory, not a model file: give the path of a model.yaml")]);
        }

        if (!File.Exists(path))
        {
            throw new ModelException([new ModelError(path, 0, 0, "the model file does not exist")]);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>
    /// A model from its bytes (a file, a request body): a byte-order mark is skipped, and bytes that
    /// are not UTF-8 are refused where the first one is, since decoding would make them U+FFFD
    /// inside a query, silently.
    /// </summary>
    public static ListeningModel Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            var text = new char[utf8.Length];
            System.Text.Unicode.Utf8.ToUtf16(utf8, text, out var valid, out var written, replaceInvalidSequences: false);
            var before = text.AsSpan(0, written);
            throw new ModelException([new ModelError(source, before.Count('\n') + 1, written - before.LastIndexOf('\n'), $"the model is not valid UTF-8: byte 0x{utf8[valid]:X2} here")]);
        }

        return Parse(System.Text.Encoding.UTF8.GetString(utf8), source);
    }

    /// <summary>The first tab among the leading white space of a line from <paramref name="fromLine"/> (1-based) on.</summary>
    private static (int Line, int Column)? TabIndentation(string yaml, int fromLine)
    {
        var line = 1;
        foreach (var text in yaml.AsSpan().EnumerateLines())
        {
            if (line >= fromLine)
            {
                var indent = text.Length - text.TrimStart(" \t").Length;
                if (text[..indent].IndexOf('\t') is var column and >= 0)
                {
                    return (line, column + 1);
                }
            }

            line++;
        }

        return null;
    }

    public static ListeningModel Parse(string yaml, string source)
    {
        var errors = new List<ModelError>();
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml)), source);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex) when (ex.Message.Contains(" tab ", StringComparison.Ordinal) && TabIndentation(yaml, (int)ex.Start.Line) is { } tab)
        {
            // The scanner notices a tab a token or a line after it, and points there.
            throw new ModelException([new ModelError(source, tab.Line, tab.Column, "a tab in the indentation: YAML indents with spaces")]);
        }
        catch (YamlException ex)
        {
            throw new ModelException([YamlErrors.Explain(source, yaml, (int)ex.Start.Line, (int)ex.Start.Column, ex.InnerException?.Message ?? ex.Message)]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails without a position on some malformed flow collections
            // (a '[' left open before the next line); the parser's last event says where.
            throw new ModelException([parser.FailureAt(source)]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ModelException([new ModelError(source, 1, 1, "expected a mapping with 'brands' (and, if any, 'concepts' and 'webhooks')")]);
        }

        if (stream.Documents.Count > 1 && !(stream.Documents.Count == 2 && Reader.IsNull(stream.Documents[1].RootNode)))
        {
            // A second document would otherwise be dropped unread, with whatever it was meant to change.
            var second = stream.Documents[1].RootNode.Start;
            throw new ModelException([new ModelError(source, (int)second.Line, (int)second.Column, "a model is one YAML document, and a second one starts here")]);
        }

        var reader = new Reader(source, yaml, errors);
        reader.OnlyKeys(root, "the model", TopLevelKeys);
        var concepts = reader.Concepts(root);
        var brands = reader.Brands(root, concepts);
        var webhooks = reader.Webhooks(root);
        reader.CheckReferences(brands, concepts);
        reader.CheckWebhookBrands(webhooks, brands);
        if (errors.Count > 0)
        {
            // In the file's order: the checks across entries (references, cycles) come last otherwise.
            throw new ModelException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        return new ListeningModel(brands.Select(b => b.Definition!).ToList(), concepts.Select(c => c.Definition!).ToList())
        {
            SourceText = yaml,
            Webhooks = webhooks.Select(w => w.Definition!).ToList(),
        };
    }

    /// <summary>
    /// Passes a parser's events on, remembering where the last one was and which flow collections
    /// are open, and refusing collections nested deeper than any model needs: YamlDotNet builds
    /// nested nodes by recursion, and some 40,000 brackets in an 80 KB body overflowed the stack and
    /// ended the node.
    /// </summary>
    private sealed class TrackingParser(IParser inner, string source) : IParser
    {
        /// <summary>A model nests a few levels deep (the model, its brands, a brand, its alerts); this leaves room.</summary>
        public const int MaxNesting = 64;

        private readonly Stack<(Mark Start, char Opening)> _openFlows = new();
        private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
        private Mark _last = Mark.Empty;
        private int _nesting;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            switch (inner.Current)
            {
                case SequenceStart or MappingStart when _nesting == MaxNesting:
                    throw new ModelException([new ModelError(source, (int)inner.Current.Start.Line, (int)inner.Current.Start.Column,
                        $"collections nest more than {MaxNesting} deep here, far deeper than the few levels of a model")]);
                case SequenceStart or MappingStart:
                    _nesting++;
                    break;
                case SequenceEnd or MappingEnd:
                    _nesting--;
                    break;
            }

            switch (inner.Current)
            {
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    _anchors.Add(anchored.Anchor.Value);
                    break;
                case AnchorAlias alias when !_anchors.Contains(alias.Value.Value):
                    // A value written *acme (a wildcard) reads as an alias of an anchor &acme; YamlDotNet
                    // says only that the anchor does not exist, at the start of the document.
                    throw new ModelException([new ModelError(source, (int)alias.Start.Line, (int)alias.Start.Column,
                        $"'*{alias.Value.Value}' reads as a YAML alias of an anchor '&{alias.Value.Value}' the file does not define: put a value that starts with '*' in quotes ('*{alias.Value.Value} …')")]);
            }

            switch (inner.Current)
            {
                case SequenceStart { Style: SequenceStyle.Flow } start:
                    _openFlows.Push((start.Start, '['));
                    break;
                case MappingStart { Style: MappingStyle.Flow } start:
                    _openFlows.Push((start.Start, '{'));
                    break;
                // Inside a flow collection every collection is a flow one, so an end closes the innermost.
                case SequenceEnd or MappingEnd when _openFlows.Count > 0:
                    _openFlows.Pop();
                    break;
            }

            if (inner.Current is not null)
            {
                _last = inner.Current.End;
            }

            return moved;
        }

        public ModelError FailureAt(string source)
        {
            if (!_openFlows.TryPeek(out var open))
            {
                return new ModelError(source, (int)_last.Line, (int)_last.Column, "the YAML cannot be read after this point");
            }

            var closing = open.Opening == '[' ? ']' : '}';
            return new ModelError(source, (int)open.Start.Line, (int)open.Start.Column, $"this '{open.Opening}' is not closed with '{closing}' before the YAML goes on");
        }
    }

    // \z, not $: $ also matches before a last line break, and "acme\n" passed for an id.
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}\\z")]
    private static partial Regex IdPattern();

    // An entry with a valid id is kept even when its query is bad, so references to it are still checked.
    private sealed record ReadBrand(string Id, BrandDefinition? Definition, YamlNode Node, IReadOnlyList<YamlScalarNode> CompetitorNodes);

    // A misspelt key is refused, not skipped: a webhook's "minSeverty" would send every alert.
    private static readonly string[] TopLevelKeys = ["concepts", "brands", "webhooks"];
    private static readonly string[] ConceptKeys = ["id", "name", "query", "parent", "kind"];
    private static readonly string[] BrandKeys = ["id", "name", "query", "competitors", "alerts", "security", "concepts"];
    private static readonly string[] WebhookKeys = ["url", "secret", "brands", "minSeverity"];

    private static readonly string[] AlertSettingNames = ["threshold", "minMentions", "coolDownMinutes", "warmUpMinutes", "smoothing", "graceMinutes"];

    private sealed record ReadWebhook(WebhookDefinition? Definition, IReadOnlyList<YamlScalarNode> BrandNodes);

    private sealed record ReadConcept(string Id, ConceptDefinition? Definition, YamlNode Node, YamlScalarNode? ParentNode, ConceptKind? Kind, string? Brand);

    private sealed partial class Reader(string source, string yaml, List<ModelError> errors)
    {
        // Named by entries whose own id is missing or bad: checked against the model's ids too.
        private readonly List<YamlScalarNode> _parentsOfUnnamed = [];
        private readonly List<YamlScalarNode> _competitorsOfUnnamed = [];

        /// <summary>The concept library, then each brand's own concepts (read with the brands).</summary>
        public List<ReadConcept> Concepts(YamlMappingNode root) => ConceptsIn(root, brand: null);

        /// <summary>The concepts listed under <paramref name="map"/>'s 'concepts': the library's, or a brand's own.</summary>
        private List<ReadConcept> ConceptsIn(YamlMappingNode map, string? brand)
        {
            var result = new List<ReadConcept>();
            foreach (var item in Sequence(map, "concepts", required: false))
            {
                OnlyKeys(item, "a concept", ConceptKeys);
                var id = Id(item, "concept");
                var query = Query(item);
                var parent = Scalar(item, "parent", required: false);
                var kind = Kind(item);
                var name = Scalar(item, "name", required: false);
                if (id is null)
                {
                    // Left out of the model, but its other fields are checked all the same: one
                    // reading reports every error.
                    if (parent is not null)
                    {
                        _parentsOfUnnamed.Add(parent);
                    }

                    continue;
                }

                var definition = query is null || kind is null
                    ? null
                    : new ConceptDefinition(id, name?.Value ?? id, query, parent?.Value, kind.Value) { Brand = brand };
                result.Add(new ReadConcept(id, definition, item, parent, kind, brand));
            }

            return result;
        }

        /// <summary>The brands; each brand's own concepts are added to <paramref name="concepts"/>, after the library's.</summary>
        public List<ReadBrand> Brands(YamlMappingNode root, List<ReadConcept> concepts)
        {
            var result = new List<ReadBrand>();
            var items = Sequence(root, "brands", required: true).ToList();
            if (items.Count == 0 && root.Children.ContainsKey("brands"))
            {
                Error(root, "'brands' must list at least one brand");
            }

            foreach (var item in items)
            {
                OnlyKeys(item, "a brand", BrandKeys);
                var id = Id(item, "brand");
                var query = Query(item);
                var competitors = new List<YamlScalarNode>();
                if (Present(item, "competitors", out var node))
                {
                    if (node is YamlSequenceNode seq)
                    {
                        foreach (var c in seq)
                        {
                            if (Text(c) is { } s)
                            {
                                competitors.Add(s);
                            }
                            else
                            {
                                Error(c, "a competitor must be a brand id");
                            }
                        }
                    }
                    else
                    {
                        Error(node, "'competitors' must be a list of brand ids");
                    }
                }

                var security = Security(item, id ?? "");
                var alerts = AlertSettingsOf(item);
                var named = Scalar(item, "name", required: false);
                var own = ConceptsIn(item, id);
                if (id is null)
                {
                    _competitorsOfUnnamed.AddRange(competitors);
                    continue;
                }

                BrandDefinition? definition = null;
                if (query is not null && alerts is not null)
                {
                    var name = named?.Value ?? id;
                    definition = new BrandDefinition(id, name, query, competitors.Select(c => c.Value!).ToList())
                    {
                        Alerts = alerts,
                        Security = security is null ? null : security with { Name = name },
                    };
                }

                result.Add(new ReadBrand(id, definition, item, competitors));
                concepts.AddRange(own);
            }

            Unique(result.Select(b => (b.Id, b.Node)), "brand");
            Unique(concepts.Select(c => (c.Id, c.Node)), "concept");
            return result;
        }

        public List<ReadWebhook> Webhooks(YamlMappingNode root)
        {
            var result = new List<ReadWebhook>();
            var urls = new Dictionary<string, (YamlDotNet.Core.Mark At, string Secret)>(StringComparer.Ordinal);
            foreach (var item in Sequence(root, "webhooks", required: false, entry: "a mapping with url and secret"))
            {
                OnlyKeys(item, "a webhook", WebhookKeys);
                var url = Scalar(item, "url", required: true);
                var secret = Scalar(item, "secret", required: true);
                Uri? parsed = null;
                if (url is not null && (!Uri.TryCreate(url.Value, UriKind.Absolute, out parsed) || parsed.Scheme is not ("http" or "https")))
                {
                    Error(url, $"url '{url.Value}' must be an absolute http or https address");
                    parsed = null;
                }

                // A URL may be listed more than once (acme's high alerts and globex's all, say): each
                // alert is posted to it once. A receiver checks one secret, so its entries share it.
                if (url is not null && parsed is not null && secret is not null
                    && !urls.TryAdd(parsed.AbsoluteUri, (url.Start, secret.Value!)) && urls[parsed.AbsoluteUri].Secret != secret.Value)
                {
                    var first = urls[parsed.AbsoluteUri].At;
                    Error(secret, $"url '{url.Value}' is listed again with another secret (first at line {first.Line}, column {first.Column}); one receiver checks one secret: give its entries the same");
                    parsed = null;
                }

                var severity = AlertSeverity.Medium;
                if (Scalar(item, "minSeverity", required: false) is { } level && !AlertNames.TryParseSeverity(level.Value, out severity))
                {
                    Error(level, $"minSeverity '{level.Value}' is not one of medium, high");
                    parsed = null;
                }

                var brands = ScalarList(item, "brands", "a brand id");
                if (brands.Count == 0 && item.Children.TryGetValue("brands", out var listed) && listed is YamlSequenceNode)
                {
                    Error(listed, "a webhook's 'brands' lists no brand: leave it out to be sent every brand's alerts");
                    parsed = null;
                }

                result.Add(new ReadWebhook(
                    parsed is null || secret is null ? null : new WebhookDefinition(parsed, secret.Value!, brands.Select(b => b.Value!).Distinct(StringComparer.Ordinal).ToList(), severity),
                    brands));
            }

            return result;
        }

        public void CheckWebhookBrands(List<ReadWebhook> webhooks, List<ReadBrand> brands)
        {
            var brandIds = brands.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var node in webhooks.SelectMany(w => w.BrandNodes).Where(n => !brandIds.Contains(n.Value!)))
            {
                Error(node, $"webhook brand '{node.Value}' is not a brand of this model");
            }
        }

        /// <summary>A brand's <c>alerts:</c> over the defaults; null (with errors noted) when a value is bad.</summary>
        private AlertSettings? AlertSettingsOf(YamlMappingNode brand)
        {
            if (!Present(brand, "alerts", out var node))
            {
                return AlertSettings.Default;
            }

            if (node is not YamlMappingNode map)
            {
                Error(node, "'alerts' must be a mapping of threshold, minMentions, coolDownMinutes, warmUpMinutes, smoothing, graceMinutes");
                return null;
            }

            var settings = AlertSettings.Default;
            var ok = true;
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value;
                if (!AlertSettingNames.Contains(key))
                {
                    Error(keyNode, $"alerts.{key} is not a setting; expected one of {string.Join(", ", AlertSettingNames)}");
                    ok = false;
                    continue;
                }

                var text = (valueNode as YamlScalarNode)?.Value;
                var number = double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : double.NaN;
                var whole = number == Math.Floor(number) && Math.Abs(number) <= int.MaxValue;
                AlertSettings? next = key switch
                {
                    "threshold" when !double.IsNaN(number) => settings with { Threshold = number },
                    "smoothing" when !double.IsNaN(number) => settings with { Smoothing = number },
                    "minMentions" when whole => settings with { MinimumMentions = (long)number },
                    "coolDownMinutes" when whole => settings with { CoolDownMinutes = (int)number },
                    "warmUpMinutes" when whole => settings with { WarmUpMinutes = (int)number },
                    "graceMinutes" when whole => settings with { GraceMinutes = (int)number },
                    _ => null,
                };
                if (next is null)
                {
                    var expected = key is "threshold" or "smoothing" ? "a number"
                        : whole || double.IsNaN(number) || number != Math.Floor(number) ? "a whole number"
                        : $"a whole number from {int.MinValue} to {int.MaxValue}";
                    Error(valueNode, $"alerts.{key} is '{text}': expected {expected}");
                    ok = false;
                }
                else
                {
                    settings = next;
                }
            }

            // Every value out of its range, each where it is written, beside any refused above.
            foreach (var (setting, problem) in settings.Problems())
            {
                var at = map.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == setting).Value ?? node;
                Error(at, "alerts: " + problem);
                ok = false;
            }

            return ok ? settings : null;
        }

        private List<YamlScalarNode> ScalarList(YamlMappingNode item, string key, string what)
        {
            var values = new List<YamlScalarNode>();
            if (!Present(item, key, out var node))
            {
                return values;
            }

            if (node is not YamlSequenceNode seq)
            {
                Error(node, $"'{key}' must be a list");
                return values;
            }

            foreach (var value in seq)
            {
                if (Text(value) is { } s)
                {
                    values.Add(s);
                }
                else
                {
                    Error(value, $"each entry of '{key}' must be {what}");
                }
            }

            return values;
        }

        public void CheckReferences(List<ReadBrand> brands, List<ReadConcept> concepts)
        {
            var brandIds = brands.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var brand in brands)
            {
                var listed = new Dictionary<string, YamlDotNet.Core.Mark>(StringComparer.Ordinal);
                foreach (var c in brand.CompetitorNodes)
                {
                    // A competitor named twice is most often a slip for another brand, so it is
                    // refused rather than merged.
                    if (!listed.TryAdd(c.Value!, c.Start))
                    {
                        var first = listed[c.Value!];
                        Error(c, $"competitor '{c.Value}' is listed more than once for brand '{brand.Id}' (first at line {first.Line}, column {first.Column})");
                    }
                    else if (c.Value == brand.Id)
                    {
                        Error(c, $"brand '{brand.Id}' cannot be its own competitor");
                    }
                    else if (!brandIds.Contains(c.Value!))
                    {
                        Error(c, $"competitor '{c.Value}' is not a brand of this model");
                    }
                }
            }

            foreach (var c in _competitorsOfUnnamed.Where(c => !brandIds.Contains(c.Value!)))
            {
                Error(c, $"competitor '{c.Value}' is not a brand of this model");
            }

            var conceptIds = concepts.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var parent in _parentsOfUnnamed.Where(p => !conceptIds.Contains(p.Value!)))
            {
                Error(parent, $"parent '{parent.Value}' is not a concept of this model");
            }

            // An id declared twice is reported by Unique; its first declaration stands for the cycle check.
            var firsts = concepts.DistinctBy(c => c.Id, StringComparer.Ordinal).ToHashSet();
            var kinds = firsts.ToDictionary(c => c.Id, c => c.Kind, StringComparer.Ordinal);
            var brandsOf = firsts.ToDictionary(c => c.Id, c => c.Brand, StringComparer.Ordinal);
            var cycles = Cycles([.. firsts]);

            foreach (var concept in concepts)
            {
                if (concept.ParentNode is not { } parent)
                {
                    continue;
                }

                if (!conceptIds.Contains(parent.Value!))
                {
                    Error(parent, $"parent '{parent.Value}' is not a concept of this model");
                }
                else if (brandsOf[parent.Value!] is { } parentBrand && parentBrand != concept.Brand)
                {
                    // A post counts under its concept's ancestors: under another brand's own concept
                    // it would count where that brand's mentions alone are counted.
                    Error(parent, concept.Brand is null
                        ? $"concept '{concept.Id}' of the library cannot sit under '{parent.Value}', brand '{parentBrand}''s own concept: a library concept's parent is in the library"
                        : $"concept '{concept.Id}' of brand '{concept.Brand}' cannot sit under '{parent.Value}', brand '{parentBrand}''s own concept: a brand's own concept sits under the library's or its own");
                }
                else if (concept.Kind is { } childKind && kinds[parent.Value!] is { } parentKind && parentKind != childKind)
                {
                    // A post counts under its concept's ancestors: an intent under a topic would count as that topic, and the other way round.
                    Error(parent, $"concept '{concept.Id}' is {KindName(childKind)} and its parent '{parent.Value}' {KindName(parentKind)}: a concept's parent is of its own kind");
                }
                else if (firsts.Contains(concept) && cycles.TryGetValue(concept.Id, out var cycle))
                {
                    Error(parent, $"concept '{concept.Id}' would be its own ancestor ({cycle}); a taxonomy has no cycles");
                }
            }
        }

        private static string KindName(ConceptKind kind) => kind == ConceptKind.Intent ? "an intent" : "a topic";

        /// <summary>
        /// For each concept on a cycle of parents, that cycle from it back to it, as its message shows
        /// it (a long one shortened: a cycle of thousands spelt out for each of its concepts made an
        /// answer of hundreds of megabytes). Found in time linear in the concepts.
        /// </summary>
        private static Dictionary<string, string> Cycles(IReadOnlyList<ReadConcept> concepts)
        {
            var index = concepts.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var parentOf = concepts.Select(c => c.ParentNode?.Value is { } p && index.TryGetValue(p, out var at) ? at : -1).ToArray();
            var cycles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var cycle in ConceptTaxonomy.Cycles(parentOf))
            {
                for (var m = 0; m < cycle.Count; m++)
                {
                    cycles[concepts[cycle[m]].Id] = Spelt(cycle, m, concepts);
                }
            }

            return cycles;
        }

        /// <summary>A cycle from its <paramref name="from"/>th concept back to it; past ten steps, its ends and its length.</summary>
        private static string Spelt(List<int> cycle, int from, IReadOnlyList<ReadConcept> concepts)
        {
            string Step(int k) => concepts[cycle[(from + k) % cycle.Count]].Id;
            return cycle.Count < 10
                ? string.Join(" -> ", Enumerable.Range(0, cycle.Count + 1).Select(Step))
                : $"{string.Join(" -> ", Enumerable.Range(0, 4).Select(Step))} -> … -> {Step(cycle.Count - 1)} -> {Step(cycle.Count)}: {cycle.Count:N0} concepts";
        }

        private IEnumerable<YamlMappingNode> Sequence(YamlMappingNode root, string key, bool required, string entry = "a mapping with id, name and query")
        {
            if (!Present(root, key, out var node))
            {
                // A key given as null is there, if empty: the caller says what it must hold.
                if (required && !root.Children.ContainsKey(key))
                {
                    Error(root, $"'{key}' is required");
                }

                yield break;
            }

            if (node is not YamlSequenceNode seq)
            {
                Error(node, $"'{key}' must be a list");
                yield break;
            }

            foreach (var item in seq)
            {
                if (item is YamlMappingNode map)
                {
                    yield return map;
                }
                else
                {
                    Error(item, $"each entry of '{key}' must be {entry}");
                }
            }
        }

        private ConceptKind? Kind(YamlMappingNode item)
        {
            var kind = Scalar(item, "kind", required: false);
            switch (kind?.Value)
            {
                case null or "topic":
                    return ConceptKind.Topic;
                case "intent":
                    return ConceptKind.Intent;
                default:
                    Error(kind, $"kind '{kind.Value}' is not one of topic, intent");
                    return null;
            }
        }

        private string? Id(YamlMappingNode item, string kind)
        {
            var id = Scalar(item, "id", required: true);
            if (id is null)
            {
                return null;
            }

            if (!IdPattern().IsMatch(id.Value!))
            {
                Error(id, $"{kind} id '{id.Value}' must be lower-case letters, digits, '-' or '_' (at most 64), starting with a letter or digit");
                return null;
            }

            return id.Value;
        }

        private ParsedQuery? Query(YamlMappingNode item)
        {
            var query = Scalar(item, "query", required: true);
            if (query is null)
            {
                return null;
            }

            try
            {
                return BooleanQueryParser.Parse(query.Value!);
            }
            catch (QuerySyntaxException ex)
            {
                var (line, column) = Locate(query, ex);
                errors.Add(new ModelError(source, line, column, $"query: {ex.Message}"));
                return null;
            }
        }

        /// <summary>
        /// Where in the file a query error is. A one-line query maps column for column (past an
        /// opening quote); a folded or wrapped one is searched for the same occurrence of the token.
        /// </summary>
        private (int Line, int Column) Locate(YamlScalarNode query, QuerySyntaxException ex)
        {
            var oneLine = query.Start.Line == query.End.Line && query.Style is not (ScalarStyle.Folded or ScalarStyle.Literal);
            if (oneLine)
            {
                var quoted = (query.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0) + Properties((int)query.Start.Index);
                var written = yaml.AsSpan((int)query.Start.Index + quoted, (int)(query.End.Index - query.Start.Index) - quoted);
                return ((int)query.Start.Line, (int)query.Start.Column + quoted + SourceOffset(written, query.Style, ex.Column - 1));
            }

            var value = query.Value!;
            var before = value[..Math.Clamp(ex.Column - 1, 0, value.Length)];
            var occurrence = ex.Token.Length == 0 ? 0 : CountOf(before, ex.Token);
            var raw = yaml.AsSpan((int)query.Start.Index, (int)(query.End.Index - query.Start.Index));
            var at = -1;
            for (var n = 0; n <= occurrence && ex.Token.Length > 0; n++)
            {
                var next = raw[(at + 1)..].IndexOf(ex.Token, StringComparison.Ordinal);
                at = next < 0 ? -1 : at + 1 + next;
                if (at < 0)
                {
                    break;
                }
            }

            if (at < 0)
            {
                return ((int)query.Start.Line, (int)query.Start.Column);
            }

            var absolute = (int)query.Start.Index + at;
            var lineStart = yaml.LastIndexOf('\n', Math.Max(0, absolute - 1)) + 1;
            return (yaml.AsSpan(0, absolute).Count('\n') + 1, absolute - lineStart + 1);
        }

        /// <summary>
        /// How many characters an anchor (<c>&amp;q</c>) or a tag (<c>!!str</c>) and the blanks after
        /// them take before a scalar's text; the scalar's position is theirs.
        /// </summary>
        private int Properties(int start)
        {
            var at = start;
            while (at < yaml.Length && yaml[at] is '&' or '!')
            {
                while (at < yaml.Length && yaml[at] is not (' ' or '\t' or '\n' or '\r'))
                {
                    at++;
                }

                while (at < yaml.Length && yaml[at] is ' ' or '\t')
                {
                    at++;
                }
            }

            return at - start;
        }

        /// <summary>
        /// Where the scalar's <paramref name="valueIndex"/>-th character is written in its one-line
        /// source: escapes (<c>''</c> in single quotes, <c>\"</c>, <c>\t</c>, <c>\u00e9</c> ... in
        /// double quotes) take more characters in the file than in the query.
        /// </summary>
        private static int SourceOffset(ReadOnlySpan<char> raw, ScalarStyle style, int valueIndex)
        {
            var at = 0;
            for (var value = 0; value < valueIndex && at < raw.Length; value++)
            {
                if (style == ScalarStyle.SingleQuoted && raw[at] == '\'' && at + 1 < raw.Length && raw[at + 1] == '\'')
                {
                    at += 2;
                }
                else if (style == ScalarStyle.DoubleQuoted && raw[at] == '\\' && at + 1 < raw.Length)
                {
                    var (length, units) = raw[at + 1] switch
                    {
                        'x' => (4, 1),
                        'u' => (6, 1),
                        'U' => (10, HexValue(raw.Slice(at + 2, Math.Min(8, raw.Length - at - 2))) > 0xFFFF ? 2 : 1),
                        _ => (2, 1),
                    };
                    at += length;
                    value += units - 1;
                }
                else
                {
                    at++;
                }
            }

            return Math.Min(at, raw.Length);
        }

        private static int HexValue(ReadOnlySpan<char> hex) =>
            int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : 0;

        private static int CountOf(string text, string token)
        {
            var count = 0;
            for (var i = text.IndexOf(token, StringComparison.Ordinal); i >= 0; i = text.IndexOf(token, i + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private YamlScalarNode? Scalar(YamlMappingNode item, string key, bool required)
        {
            if (!Present(item, key, out var node))
            {
                if (required && item.Children.TryGetValue(key, out var nothing))
                {
                    Error(nothing, $"'{key}' must be a non-empty text" + CommentHint(nothing));
                }
                else if (required)
                {
                    Error(item, $"'{key}' is required");
                }

                return null;
            }

            if (Text(node) is not { } scalar)
            {
                Error(node, node switch
                {
                    YamlScalarNode { Tag.IsEmpty: false } tagged when !tagged.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) =>
                        $"'{key}' must be a non-empty text: '!' starts a YAML tag, so '{tagged.Tag.Value}' was read as one; put a value that starts with '!' in quotes",
                    YamlSequenceNode => $"'{key}' must be a non-empty text, not a list: put a value that starts with '[' in quotes",
                    YamlMappingNode => $"'{key}' must be a non-empty text, not a mapping: put a value that starts with '{{' in quotes",
                    _ => $"'{key}' must be a non-empty text",
                });
                return null;
            }

            return scalar;
        }

        /// <summary>Where an empty value is followed on its line by '#': YAML read what was meant as the value as a comment.</summary>
        private string CommentHint(YamlNode empty)
        {
            var at = (int)empty.Start.Index;
            var lineEnd = yaml.IndexOf('\n', Math.Min(at, yaml.Length));
            var rest = yaml.AsSpan(at, (lineEnd < 0 ? yaml.Length : lineEnd) - at).TrimStart(" \t");
            return rest.StartsWith("#")
                ? ": a '#' after a space starts a YAML comment, so the value was read as one; put a value that starts with '#' in quotes ('#acme OR @acme')"
                : "";
        }

        /// <summary>
        /// Whether the mapping holds a value under the key. A null (YAML's <c>null</c>, <c>~</c>, an
        /// empty value, JSON's <c>null</c>) counts as absent: a required key then is missing, and an
        /// optional one takes its default.
        /// </summary>
        private static bool Present(YamlMappingNode map, string key, out YamlNode node)
        {
            if (map.Children.TryGetValue(key, out var value) && !IsNull(value))
            {
                node = value;
                return true;
            }

            node = map;
            return false;
        }

        /// <summary>The node as a text (a scalar that is neither null nor blank), or null. A quoted <c>'null'</c> is the text "null".</summary>
        private static YamlScalarNode? Text(YamlNode node) =>
            node is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value) ? scalar : null;

        public static bool IsNull(YamlNode node) =>
            node is YamlScalarNode scalar
            && (scalar.Tag.IsEmpty
                ? scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL"
                : scalar.Tag.Value == "tag:yaml.org,2002:null"); // a tag decides alone: !!str null is the text "null"

        private void Unique(IEnumerable<(string Id, YamlNode Node)> items, string kind)
        {
            foreach (var duplicate in items.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                // The library is read before the brands' own concepts: "first" is first in the file.
                var inFileOrder = duplicate.OrderBy(i => i.Node.Start.Line).ThenBy(i => i.Node.Start.Column).ToList();
                var first = inFileOrder[0].Node.Start;
                foreach (var (id, node) in inFileOrder.Skip(1))
                {
                    // With the column too: a JSON model may hold every id on one line.
                    Error(node, $"{kind} id '{id}' is declared more than once (first at line {first.Line}, column {first.Column}); expected an id of its own");
                }
            }
        }

        /// <summary>Notes an error for each key of <paramref name="map"/> that is not one of <paramref name="allowed"/>.</summary>
        public void OnlyKeys(YamlMappingNode map, string what, string[] allowed)
        {
            foreach (var key in map.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: { } name } || !allowed.Contains(name, StringComparer.Ordinal))
                {
                    Error(key, $"'{key}' is not a key of {what}; expected one of {string.Join(", ", allowed)}");
                }
            }
        }

        private void Error(YamlNode node, string message) =>
            errors.Add(new ModelError(source, (int)node.Start.Line, (int)node.Start.Column, message));
    }
}
