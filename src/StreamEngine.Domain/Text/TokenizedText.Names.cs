using System.Diagnostics;

namespace StreamEngine.Domain.Text;

// Where the text names a brand of the model, so that sentiment reads no opinion into the name:
// "Best Buy" is not praise, and a brand called Glad is not glad.
public sealed partial class TokenizedText
{
    private (int Start, int End)[] _names = new (int Start, int End)[4];

    /// <summary>How many names <see cref="AddName"/> marked in the text last tokenized.</summary>
    internal int NameCount { get; private set; }

    /// <summary>The marked names, as UTF-16 [start, end) offsets of the text, in the order they were marked.</summary>
    internal ReadOnlySpan<(int Start, int End)> Names => _names.AsSpan(0, NameCount);

    /// <summary>
    /// Marks [<paramref name="start"/>, <paramref name="end"/>) of the text last tokenized as a name (a span the matcher found in it):
    /// a sentiment token starting within it carries no valence, role or emotion. Marks are forgotten
    /// with the text; make them before the text is scored.
    /// </summary>
    internal void AddName(int start, int end)
    {
        // The matcher's own spans of the same text, a few per post: checked in debug builds only.
        Debug.Assert(start >= 0 && start <= end && end <= TextLength, "a name lies within the text");
        if (NameCount == _names.Length)
        {
            Array.Resize(ref _names, _names.Length * 2);
        }

        _names[NameCount++] = (start, end);
    }
}
