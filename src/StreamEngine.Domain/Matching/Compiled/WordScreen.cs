using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// The matcher's first test of a post's words, in one tight pass: which words may be a key of the
/// word table (its presence bitmap) or may begin like a wildcard of the model (its prefix filter).
/// Never false for a word that is either; the few words that pass are looked up after.
/// <para>
/// A word's length decides how many of its units are read, and it varies from word to word as no
/// branch predictor follows: tested with branches inside the matcher's loop over words, the two
/// filters cost about 150 ns of a 600 ns post. Here both come from the same two reads, four units
/// at each end of the word, masked by its length without a branch, which needs
/// <see cref="TokenizedText.FoldPadding"/> units past the text.
/// </para>
/// </summary>
internal static class WordScreen
{
    /// <summary>Writes to <paramref name="passed"/> the indexes of the words of <paramref name="tokens"/> that pass, in order, and returns how many.</summary>
    /// <param name="tokens">The post's words, read from the fold buffer they are slices of (whose padding the reads past a word need).</param>
    /// <param name="present">The presence bitmap of a <see cref="WordTable{TValue}"/>.</param>
    /// <param name="presentMask">Its mask.</param>
    /// <param name="starts">The wildcards' prefix filter, or null when the model has no wildcard.</param>
    /// <param name="passed">Room for an index per word.</param>
    public static int Screen(TokenizedText tokens, ReadOnlySpan<ulong> present, int presentMask, AnchorFilter? starts, Span<int> passed)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var foldBuffer = tokens.FoldBuffer;
        var words = tokens.Words;
        if (passed.Length < words.Length)
        {
            throw new ArgumentException($"room for {passed.Length} words, the post has {words.Length}", nameof(passed));
        }

        return starts is null
            ? Screen<WordsOnly>(foldBuffer, words, present, presentMask, [], passed)
            : Screen<WordsAndStarts>(foldBuffer, words, present, presentMask, starts.Bits, passed);
    }

    // One copy of the loop per kind (the JIT compiles each struct argument apart), so a model
    // without wildcards does not compute their key.
    private static int Screen<TKind>(ReadOnlySpan<char> foldBuffer, ReadOnlySpan<TokenizedText.WordSpan> words, ReadOnlySpan<ulong> present, int presentMask, ReadOnlySpan<ulong> starts, Span<int> passed)
        where TKind : struct
    {
        ref var text = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(foldBuffer));
        ref var presentBits = ref MemoryMarshal.GetReference(present);
        ref var startBits = ref MemoryMarshal.GetReference(starts);
        ref var output = ref MemoryMarshal.GetReference(passed);
        var count = 0;
        for (var w = 0; w < words.Length; w++)
        {
            var start = words[w].FoldedStart;
            var length = words[w].FoldedLength;
            var over = length - 4;

            // min(length, 4) units of the head; the tail read from 0 for a word shorter than four at
            // the buffer's start, and masked off for every word shorter than four.
            var headUnits = 4 + (over & (over >> 31));
            var head = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text, (nint)(uint)start * sizeof(char)));
            head = Bmi2.X64.IsSupported
                ? Bmi2.X64.ZeroHighBits(head, (ulong)(uint)(16 * headUnits))
                : head & (ulong.MaxValue >> (64 - (16 * headUnits)));
            var tailStart = start + over;
            var tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text, (nint)(uint)(tailStart & ~(tailStart >> 31)) * sizeof(char)))
                & (ulong)((long)(3 - length) >> 63);

            var bit = WordHash.PresentBit(WordHash.Mix(head, tail, length), presentMask);
            var pass = Unsafe.Add(ref presentBits, (nint)((uint)bit >> 6)) >> bit;
            if (typeof(TKind) == typeof(WordsAndStarts))
            {
                var anchor = AnchorFilter.Bit(AnchorFilter.StartKey(head));
                pass |= Unsafe.Add(ref startBits, (nint)((uint)anchor >> 6)) >> anchor;
            }

            // Written whether or not the word passes: a store is cheaper than a branch taken at random.
            Unsafe.Add(ref output, (nint)(uint)count) = w;
            count += (int)(pass & 1);
        }

        return count;
    }

    private struct WordsOnly;

    private struct WordsAndStarts;
}
