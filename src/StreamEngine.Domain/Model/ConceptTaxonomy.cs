namespace StreamEngine.Domain.Model;

/// <summary>
/// The concepts' parents, by index: a post under a concept counts under each of its ancestors too.
/// Each concept keeps its parent alone, and a lineage is walked when it is read: a list of every
/// concept's ancestors grew with the square of the taxonomy's depth (a chain of 6,000 concepts, one
/// the parent of the next, took 768 MB and 4 s to load).
/// </summary>
public sealed class ConceptTaxonomy
{
    private readonly int[] _parentOf;

    /// <param name="concepts">The concepts, ids unique; a parent that is no concept of the list is no parent.</param>
    /// <exception cref="ArgumentException">A concept would be its own ancestor (the model loader refuses that first, naming the concepts).</exception>
    public ConceptTaxonomy(IReadOnlyList<ConceptDefinition> concepts)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var index = new Dictionary<string, int>(concepts.Count, StringComparer.Ordinal);
        for (var i = 0; i < concepts.Count; i++)
        {
            index.Add(concepts[i].Id, i);
        }

        _parentOf = new int[concepts.Count];
        for (var i = 0; i < concepts.Count; i++)
        {
            _parentOf[i] = concepts[i].Parent is { } parent && index.TryGetValue(parent, out var p) ? p : -1;
        }

        if (Cycles(_parentOf) is [var cycle, ..])
        {
            throw new ArgumentException($"concept '{concepts[cycle[0]].Id}' would be its own ancestor", nameof(concepts));
        }
    }

    /// <summary>The concept and its ancestors, nearest first.</summary>
    public Lineage ConceptAndAncestors(int concept) => new(_parentOf, concept);

    /// <summary>
    /// The cycles of parents, each as its concepts in the order one leads to the next: each concept is
    /// walked from once, up to a root, a concept already judged or back onto the walk, so the whole
    /// search reads each parent once.
    /// </summary>
    public static List<List<int>> Cycles(IReadOnlyList<int> parentOf)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        var cycles = new List<List<int>>();

        // 0: not reached yet; 1: on the walk under way; 2: judged.
        var state = new byte[parentOf.Count];
        for (var start = 0; start < parentOf.Count; start++)
        {
            var at = start;
            while (at >= 0 && state[at] == 0)
            {
                state[at] = 1;
                at = parentOf[at];
            }

            if (at >= 0 && state[at] == 1)
            {
                var cycle = new List<int> { at };
                for (var next = parentOf[at]; next != at; next = parentOf[next])
                {
                    cycle.Add(next);
                }

                cycles.Add(cycle);
            }

            for (var walked = start; walked >= 0 && state[walked] == 1; walked = parentOf[walked])
            {
                state[walked] = 2;
            }
        }

        return cycles;
    }

    /// <summary>A concept and its ancestors, read by walking up its parents.</summary>
    public readonly struct Lineage(int[] parentOf, int concept)
    {
        public Enumerator GetEnumerator() => new(parentOf, concept);

        public struct Enumerator(int[] parentOf, int concept)
        {
            private int _next = concept;

            public int Current { get; private set; }

            public bool MoveNext()
            {
                if (_next < 0)
                {
                    return false;
                }

                Current = _next;
                _next = parentOf[_next];
                return true;
            }
        }
    }
}
