using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Text;

public sealed partial class TokenizedText
{
    /// <summary>Units read at once by the words-only walk's vector blocks.</summary>
    private const int BlockWidth = 16;

    // Whether the vector classification below matches CharTraits unit for unit (checked
    // once, so the tables stay the one definition of a word character) and runs as vector code.
    private static readonly bool s_useVectorBlocks = VectorBlocksAgree() && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Whether the last text was cut into sentiment tokens as well as words (<see cref="Tokenize"/>),
    /// not into words alone (<see cref="TokenizeWords"/>).
    /// </summary>
    public bool HasSentimentTokens { get; private set; } = true;

    /// <summary>
    /// Cuts <paramref name="text"/> into words alone, exactly as <see cref="Tokenize"/> cuts them, and
    /// into no sentiment tokens: what matching needs, for a post whose sentiment is not read (its
    /// language has no lexicon) and for matching on its own.
    /// <para>
    /// Where 256-bit vectors run in hardware (AVX2 and later), runs of sixteen units that are ASCII
    /// or UTF-16 surrogates (the halves of an emoji, which are never part of a word) are
    /// classified and folded at once (the text's last sixteen too, overlapping the block before, so
    /// that the tail of a post is not walked unit by unit), and words are opened and closed
    /// where the word bits change, so most of a post costs a few instructions per word rather than per
    /// unit. Each unit's folded form is stored at its own offset, so a word is a slice of that buffer
    /// (<see cref="FoldedWords"/> then holds the separators too); a word with a combining mark inside
    /// is copied, marks left out, past the text's end.
    /// </para>
    /// </summary>
    public void TokenizeWords(ReadOnlySpan<char> text) => TokenizeWords(text, s_useVectorBlocks);

    /// <param name="text">The text.</param>
    /// <param name="vectorBlocks">False walks every unit through the tables (for tests of that path).</param>
    internal void TokenizeWords(ReadOnlySpan<char> text, bool vectorBlocks)
    {
        ResetWords(text.Length);
        var folded = _folded;
        var wordStart = -1;
        var wordEnd = 0;
        var marked = false;
        var compact = false;
        var solo = false;
        var i = 0;
        var unitByUnitUntil = 0;
        ref var units = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var foldedUnits = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(folded));
        while (i < text.Length)
        {
            if (vectorBlocks && i >= unitByUnitUntil && text.Length >= BlockWidth)
            {
                // The text's last block ends at its end and overlaps units already walked, which
                // it skips; storing their folds again is harmless when every unit is one a block folds.
                var blockStart = Math.Min(i, text.Length - BlockWidth);
                var skip = i - blockStart;
                var block = Vector256.LoadUnsafe(ref units, (nuint)blockStart);

                // ASCII but NUL, which the tables read as a dropped unit, or a surrogate: an emoji
                // in a block of English would otherwise send the whole block unit by unit.
                var other = ~(Vector256.LessThan(block - Vector256<ushort>.One, Vector256.Create((ushort)0x7F))
                    | Vector256.LessThan(block - Vector256.Create((ushort)0xD800), Vector256.Create((ushort)0x800))).ExtractMostSignificantBits() & 0xFFFF;
                if (other != 0)
                {
                    // Unit by unit through the block's last other unit, then blocks again: a run of
                    // Cyrillic or Japanese pays one vector test per block, not one per unit.
                    unitByUnitUntil = skip > 0 ? text.Length : blockStart + 32 - BitOperations.LeadingZeroCount(other);
                }
                else
                {
                    if (solo)
                    {
                        // A CJK character's word ends where the block starts.
                        AddWordAt(wordStart, wordEnd, i, compact);
                        wordStart = -1;
                        solo = false;
                    }

                    var upper = Vector256.LessThan(block - Vector256.Create((ushort)'A'), Vector256.Create((ushort)26));
                    var word = upper
                        | Vector256.LessThan(block - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26))
                        | Vector256.LessThan(block - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10))
                        | Vector256.Equals(block, Vector256.Create((ushort)'_'));
                    (block | (upper & Vector256.Create((ushort)0x20))).StoreUnsafe(ref foldedUnits, (nuint)blockStart);
                    var bits = word.ExtractMostSignificantBits() >> skip;
                    var width = BlockWidth - skip;

                    // A word open since before the block, a mark after its last unit, goes on here.
                    compact |= marked & (bits & 1) != 0;
                    var before = (bits << 1) | (wordStart >= 0 ? 1u : 0u);
                    var changes = (bits ^ before) & (0xFFFFu >> skip);
                    while (changes != 0)
                    {
                        var at = i + BitOperations.TrailingZeroCount(changes);
                        changes &= changes - 1;
                        if (wordStart < 0)
                        {
                            wordStart = at;
                            marked = compact = false;
                        }
                        else
                        {
                            // The unit before a close inside the block is a word unit; at the block's
                            // first unit, the word's end is what the walk before it recorded.
                            wordEnd = at > i ? at : wordEnd;
                            AddWordAt(wordStart, wordEnd, at, compact);
                            wordStart = -1;
                        }
                    }

                    if (wordStart >= 0)
                    {
                        wordEnd = i + width;
                    }

                    i += width;
                    continue;
                }
            }

            var entry = CharTraits.Of(text[i]);
            var traits = CharTraits.Traits(entry);
            folded[i] = CharTraits.Folded(entry);
            if ((traits & CharTrait.Word) != 0)
            {
                // A CJK character is a word by itself.
                if (wordStart >= 0 && (solo || (traits & CharTrait.Solo) != 0))
                {
                    AddWordAt(wordStart, wordEnd, i, compact);
                    wordStart = -1;
                }

                solo = (traits & CharTrait.Solo) != 0;
                if (wordStart < 0)
                {
                    wordStart = i;
                    marked = compact = false;
                }

                compact |= marked;
                wordEnd = i + 1;
            }
            else if ((traits & CharTrait.Dropped) != 0)
            {
                // A combining mark neither ends a word nor adds to it.
                marked |= wordStart >= 0;
            }
            else if (wordStart >= 0)
            {
                AddWordAt(wordStart, wordEnd, i, compact);
                wordStart = -1;
                solo = false;
            }

            i++;
        }

        if (wordStart >= 0)
        {
            AddWordAt(wordStart, wordEnd, text.Length, compact);
        }
    }

    private void ResetWords(int textLength)
    {
        // Each unit's folded form at its own offset (a block is stored only where it lies within the
        // text), then the copies of words with a mark inside, which together are never longer.
        BeginText(textLength, 2 * textLength, sentimentTokens: false);
        FoldedLength = textLength;
    }

    /// <summary>
    /// Records the word whose units run from <paramref name="start"/> to its last word unit before
    /// <paramref name="end"/>, and which spans the text up to the separator at
    /// <paramref name="separator"/>; <paramref name="compact"/> when a combining mark lies inside it.
    /// </summary>
    private void AddWordAt(int start, int end, int separator, bool compact)
    {
        var foldedStart = start;
        var foldedLength = end - start;
        if (compact)
        {
            foldedStart = FoldedLength;
            foldedLength = 0;
            for (var k = start; k < end; k++)
            {
                if (_folded[k] != TextFolding.Dropped)
                {
                    _folded[foldedStart + foldedLength++] = _folded[k];
                }
            }

            FoldedLength += foldedLength;
        }

        // The prefix is read back from the folds when asked for (StoredFoldBefore): matching asks only
        // where a term wants one, and looking back from every word cost a table read per word.
        _words[WordCount++] = new WordSpan(foldedStart, foldedLength, start, separator - start, Prefix: ' ');
    }

    /// <summary>The fold of the unit before <paramref name="start"/>, combining marks skipped; ' ' at the start.</summary>
    private char StoredFoldBefore(int start)
    {
        for (var k = start - 1; k >= 0; k--)
        {
            if (_folded[k] != TextFolding.Dropped)
            {
                return _folded[k];
            }
        }

        return ' ';
    }

    /// <summary>
    /// Whether the vector test and fold of every unit a block takes (ASCII but NUL, and surrogates)
    /// give what <see cref="CharTraits"/> gives, for separators too, since a word's prefix is read
    /// back from the stored folds.
    /// </summary>
    private static bool VectorBlocksAgree()
    {
        for (var c = (char)1; c < 0x80; c++)
        {
            var isWord = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
            if (!TablesAgree(c, isWord, c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c))
            {
                return false;
            }
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            if (!TablesAgree(c, isWord: false, c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TablesAgree(char c, bool isWord, char fold)
    {
        var entry = CharTraits.Of(c);
        var traits = CharTraits.Traits(entry);
        return isWord == ((traits & CharTrait.Word) != 0) && (traits & CharTrait.Dropped) == 0 && fold == CharTraits.Folded(entry);
    }

    /// <summary>Refuses a text cut into words alone to a reader of sentiment tokens, which would find none.</summary>
    internal void RequireSentimentTokens()
    {
        if (!HasSentimentTokens)
        {
            throw new InvalidOperationException("the text was cut into words alone (TokenizeWords): cut it with Tokenize to read its sentiment or emotions");
        }
    }

    /// <summary>For tests: whether the vector blocks' classification agrees with the tables, so that they are used where vectors run.</summary>
    internal static bool VectorBlocksAgreeWithTables => VectorBlocksAgree();
}
