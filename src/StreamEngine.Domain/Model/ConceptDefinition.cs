using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Model;

/// <summary>
/// A concept: a topic (delivery, price, …) or an intent (complaint, question, …), which breakdowns
/// keep apart. One of the shared library is counted within each brand's mentions; a brand's own
/// (<see cref="Brand"/>) within that brand's alone.
/// </summary>
public sealed record ConceptDefinition(string Id, string Name, ParsedQuery Query, string? Parent, ConceptKind Kind = ConceptKind.Topic)
{
    /// <summary>The brand whose own concept this is; null for a concept of the library.</summary>
    public string? Brand { get; init; }
}

public enum ConceptKind
{
    Topic,
    Intent,
}
