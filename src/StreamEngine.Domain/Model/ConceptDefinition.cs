using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Model;

/// <summary>A topic of the shared concept library (delivery, price, …), counted within each brand's mentions.</summary>
public sealed record ConceptDefinition(string Id, string Name, TermQuery Query, string? Parent);
