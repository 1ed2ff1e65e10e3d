using BenchmarkDotNet.Attributes;
using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Query;
using StreamEngine.MatcherBenchmarks.Workload;

namespace StreamEngine.MatcherBenchmarks;

/// <summary>
/// What a model change costs before the first post is matched: parsing every query and building
/// the <see cref="CompiledMatcher"/>, for the 1,000-concept model over 10,000 terms and for the
/// 10,000 terms as one query each.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private const int Terms = ConceptModel.Concepts * ConceptModel.TermsPerConcept;

    private string[] _conceptQueries = [];
    private string[] _terms = [];

    [GlobalSetup]
    public void SetUp()
    {
        _terms = LiteralSets.Terms(Terms);
        _conceptQueries = ConceptModel.Queries(_terms);
    }

    [Benchmark(Baseline = true)]
    public CompiledMatcher ConceptModel10kTerms() => new([.. _conceptQueries.Select(BooleanQueryParser.Parse)]);

    [Benchmark]
    public CompiledMatcher TermQueries10k() => new([.. _terms.Select(BooleanQueryParser.Parse)]);
}
