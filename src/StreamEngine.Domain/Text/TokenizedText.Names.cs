namespace StreamEngine.Domain.Text;

// Where the text names a brand of the model, so that sentiment reads no opinion into the name:
// "Best Buy" is not praise, and a brand called Glad is not glad.
public sealed partial class TokenizedText
{
    private (int Start, int End)[] _names = new (int Start, int End)[4];

    /// <summary>How many names <see cref="AddName"/> marked in the text last tokenized.</summary>
    public int NameCount { get; private set; }

    /// <summary>The marked names, as UTF-16 [start, end) offsets of the text, in the order they were marked.</summary>
    internal ReadOnlySpan<(int Start, int End)> Names => _names.AsSpan(0, NameCount);

    /// <summary>
    /// Marks [<paramref name="start"/>, <paramref name="end"/>) of the text last tokenized as a name:
    /// a sentiment token starting within it carries no valence, role or emotion. Marks are forgotten
    /// with the text; make them before the text is scored.
    /// </summary>
    public void AddName(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, TextLength);
        if (NameCount == _names.Length)
        {
            Array.Resize(ref _names, _names.Length * 2);
        }

        _names[NameCount++] = (start, end);
    }
}
