using StreamEngine.Domain.Query;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// A text generated before the model it is matched against: fixed pieces, and slots that each
/// write out one of the model's literals. Generated apart from the model, a text and a model
/// shrink together rather than one only once the other is as small as it gets.
/// </summary>
internal sealed class TextTemplate(IReadOnlyList<Func<IReadOnlyList<LiteralNode>, string>> parts)
{
    /// <summary>The text for a model with these literals (a slot writes nothing when there are none).</summary>
    public string Write(IReadOnlyList<LiteralNode> literals) => string.Concat(parts.Select(part => part(literals)));
}
