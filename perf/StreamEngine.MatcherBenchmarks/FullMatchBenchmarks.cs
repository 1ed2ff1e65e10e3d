using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Text;
using StreamEngine.MatcherBenchmarks.Workload;

namespace StreamEngine.MatcherBenchmarks;

/// <summary>
/// The whole match against the 1,000-concept model (<see cref="ConceptModel"/>), compiled once: per
/// post, cut its words and match every concept query, on one thread; and the walks alone: words
/// only (the floor under any match) and words with sentiment tokens (what the ingest path cuts for a
/// post it scores). Figures are per post.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FullMatchBenchmarks
{
    private readonly string[] _posts = Corpus.Posts;
    private readonly TokenizedText _tokens = new();
    private readonly CompiledMatchScratch _scratch = new();
    private readonly List<int> _brands = [];
    private readonly List<int> _concepts = [];
    private ListeningModel _model = null!;

    [GlobalSetup]
    public void SetUp() => _model = ConceptModel.Build(LiteralSets.Terms(ConceptModel.Concepts * ConceptModel.TermsPerConcept));

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    public int TokenizeWordsOnly()
    {
        var words = 0;
        foreach (var post in _posts)
        {
            _tokens.TokenizeWords(post);
            words += _tokens.WordCount;
        }

        return words;
    }

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    public int TokenizeOnly()
    {
        var words = 0;
        foreach (var post in _posts)
        {
            _tokens.Tokenize(post);
            words += _tokens.WordCount;
        }

        return words;
    }

    [Benchmark(OperationsPerInvoke = Corpus.PostCount)]
    public int ConceptModelMatch()
    {
        var matched = 0;
        foreach (var post in _posts)
        {
            _model.Match(post, _scratch, _brands, _concepts);
            matched += _concepts.Count;
        }

        return matched;
    }
}
