using CsCheck;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// Choices generated in advance for a decision made later, once the model is known (how to write
/// out one of its literals). Each choice is a small number whose 0 is the plainest option, so that
/// CsCheck shrinks them towards the literal as the query writes it.
/// </summary>
internal sealed class Draws(int[] values)
{
    private int _next;

    public static readonly Gen<int[]> Values = Gen.Int[0, 1023].Array[16];

    /// <summary>The next choice among <paramref name="count"/> options (0 once the draws run out).</summary>
    public int Next(int count) => _next < values.Length ? values[_next++] % count : 0;

    /// <summary>One of <paramref name="options"/>, the first the plainest.</summary>
    public T Pick<T>(IReadOnlyList<T> options) => options[Next(options.Count)];
}
