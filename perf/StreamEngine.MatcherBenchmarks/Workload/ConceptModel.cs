using StreamEngine.Benchmarks;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Query;

namespace StreamEngine.MatcherBenchmarks.Workload;

/// <summary>
/// A concept library of 1,000 queries over a literal set of 10,000 terms, each term named by
/// exactly one concept and each concept naming ten, in five shapes taken in turn: a plain OR list;
/// AND with NOT; NEAR/ONEAR with a phrase and a wildcard; phrases with NEAR and AND NOT; a wildcard
/// with ONEAR and NOT over a NEAR. Wildcards are prefix wildcards (acme*), as models mostly write them.
/// </summary>
public static class ConceptModel
{
    public const int Concepts = 1000;
    public const int TermsPerConcept = 10;

    private const ulong Seed = 5;

    /// <summary>The query text of every concept; <paramref name="terms"/> must hold Concepts × TermsPerConcept terms.</summary>
    public static string[] Queries(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count != Concepts * TermsPerConcept)
        {
            throw new ArgumentException($"expected {Concepts * TermsPerConcept} terms, got {terms.Count}", nameof(terms));
        }

        // Shuffled so that the few terms that occur in the corpus land in concepts of every shape.
        var shuffled = terms.ToList();
        new SplitMix64(Seed).Shuffle(shuffled);
        return [.. Enumerable.Range(0, Concepts).Select(c => Query(c % 5, shuffled.GetRange(c * TermsPerConcept, TermsPerConcept)))];
    }

    public static ListeningModel Build(IReadOnlyList<string> terms) =>
        new([], [.. Queries(terms).Select((q, c) => new ConceptDefinition($"c{c}", $"concept {c}", BooleanQueryParser.Parse(q), null))]);

    private static string Query(int shape, List<string> t) => shape switch
    {
        0 => string.Join(" OR ", t),
        1 => $"({t[0]} OR {t[1]} OR {t[2]} OR {t[3]}) AND ({t[4]} OR {t[5]} OR {t[6]}) NOT ({t[7]} OR {t[8]} OR {t[9]})",
        2 => $"({t[0]} OR {t[1]} OR {t[2]}) NEAR/3 ({t[3]} OR {t[4]}) OR {t[5]} ONEAR/2 {t[6]} OR \"{t[7]} {t[8]}\" OR {t[9]}*",
        3 => $"\"{t[0]} {t[1]}\" OR \"{t[2]} {t[3]}\" OR ({t[4]}* OR {t[5]}) NEAR/5 {t[6]} OR {t[7]} AND NOT {t[8]} OR {t[9]}",
        _ => $"{t[0]}* OR {t[1]} OR {t[2]} ONEAR/1 ({t[3]} OR {t[4]}) OR ({t[5]} OR {t[6]} OR {t[7]}) AND NOT ({t[8]} NEAR/2 {t[9]})",
    };
}
