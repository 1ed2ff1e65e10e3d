using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Model;

/// <summary>
/// An entry of the shared concept library, counted within each brand's mentions: a topic
/// (delivery, price, …) or an intent (complaint, question, …), which breakdowns keep apart.
/// </summary>
public sealed record ConceptDefinition(string Id, string Name, ParsedQuery Query, string? Parent, ConceptKind Kind = ConceptKind.Topic);

public enum ConceptKind
{
    Topic,
    Intent,
}
