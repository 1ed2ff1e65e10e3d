using System.Runtime.CompilerServices;
using System.Text;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>Per post: collecting the occurrences of every literal.</summary>
public sealed partial class CompiledMatcher
{
    private void FindWordLiterals(TokenizedText tokens, ReadOnlySpan<char> text, CompiledMatchScratch scratch)
    {
        // Most models have no fuzzy or raw term, and many no wildcard: their words go through a
        // loop that tests for none of these.
        if (_fuzzy.Count == 0 && _raw.Count == 0)
        {
            if (_wildcards.IsEmpty)
            {
                if (_words.Count > 0)
                {
                    FindScreenedWords(tokens, null, scratch);
                }
            }
            else if (_wildcards.StartsOnly is { } starts)
            {
                FindScreenedWords(tokens, starts, scratch);
            }
            else
            {
                FindWholeWordsAndWildcards(tokens, scratch);
            }

            return;
        }

        var folded = tokens.FoldBuffer;
        var words = tokens.Words;
        for (var w = 0; w < words.Length; w++)
        {
            var word = folded.Slice(words[w].FoldedStart, words[w].FoldedLength);
            FindWholeWord(tokens, w, word, scratch);
            if (!_wildcards.IsEmpty)
            {
                _wildcards.Find(tokens, w, word, scratch);
            }

            if (_fuzzy.Count > 0)
            {
                _fuzzy.Find(tokens, w, word, scratch);
            }

            if (_raw.Count > 0)
            {
                FindRaw(tokens, text, w, scratch);
            }
        }
    }

    /// <summary>Looks up the words that pass the <see cref="WordScreen"/>, and globs them when <paramref name="starts"/> is the model's wildcard filter.</summary>
    private void FindScreenedWords(TokenizedText tokens, AnchorFilter? starts, CompiledMatchScratch scratch)
    {
        var folded = tokens.FoldBuffer;
        var words = tokens.Words;
        var passed = scratch.ScreenedWords(words.Length);
        var count = WordScreen.Screen(tokens, _words.PresentBits, _words.PresentMask, starts, passed);
        foreach (var w in passed[..count])
        {
            var word = folded.Slice(words[w].FoldedStart, words[w].FoldedLength);
            FindWholeWord(tokens, w, word, scratch);
            if (starts is not null)
            {
                _wildcards.Find(tokens, w, word, scratch);
            }
        }
    }

    private void FindWholeWordsAndWildcards(TokenizedText tokens, CompiledMatchScratch scratch)
    {
        var folded = tokens.FoldBuffer;
        var words = tokens.Words;
        for (var w = 0; w < words.Length; w++)
        {
            var word = folded.Slice(words[w].FoldedStart, words[w].FoldedLength);
            FindWholeWord(tokens, w, word, scratch);
            _wildcards.Find(tokens, w, word, scratch);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FindWholeWord(TokenizedText tokens, int w, ReadOnlySpan<char> word, CompiledMatchScratch scratch)
    {
        if (!_words.TryGetValue(word, out var entries))
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (PrefixOk(entry.Prefix, tokens, w) && RestMatches(entry.Rest, tokens, w))
            {
                AddWords(scratch, entry.Literal, tokens, w, entry.Rest.Length + 1);
            }
        }
    }

    internal static bool PrefixOk(WordPrefix prefix, TokenizedText tokens, int word) =>
        prefix == WordPrefix.None || tokens.WordPrefix(word) == prefix.ToChar();

    private static bool RestMatches(string[] rest, TokenizedText tokens, int word)
    {
        if (word + rest.Length >= tokens.WordCount)
        {
            return rest.Length == 0;
        }

        for (var i = 0; i < rest.Length; i++)
        {
            if (!tokens.Word(word + 1 + i).SequenceEqual(rest[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static void AddWords(CompiledMatchScratch scratch, int literal, TokenizedText tokens, int first, int count)
    {
        var last = first + count - 1;
        scratch.AddOccurrence(literal, tokens.WordStart(first), tokens.WordStart(last) + tokens.WordLength(last), first, last + 1);
    }

    private void FindRaw(TokenizedText tokens, ReadOnlySpan<char> text, int w, CompiledMatchScratch scratch)
    {
        if (!_raw.TryGetValue(RawWord(tokens, text, w, scratch), out var entries))
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (w + entry.Rest.Length >= tokens.WordCount && entry.Rest.Length > 0)
            {
                continue;
            }

            var all = true;
            for (var i = 0; i < entry.Rest.Length && all; i++)
            {
                all = RawWord(tokens, text, w + 1 + i, scratch).SequenceEqual(entry.Rest[i]);
            }

            if (all)
            {
                AddWords(scratch, entry.Literal, tokens, w, entry.Rest.Length + 1);
            }
        }
    }

    /// <summary>The word as written, NFC-normalised; valid until the next call with the same scratch.</summary>
    private static ReadOnlySpan<char> RawWord(TokenizedText tokens, ReadOnlySpan<char> text, int w, CompiledMatchScratch scratch)
    {
        var original = text.Slice(tokens.WordStart(w), tokens.WordLength(w));
        if (IsSurelyNfc(original) || original.IsNormalized(NormalizationForm.FormC))
        {
            return original;
        }

        while (true)
        {
            if (original.TryNormalize(scratch.NormalizeBuffer, out var written, NormalizationForm.FormC))
            {
                return scratch.NormalizeBuffer.AsSpan(0, written);
            }

            scratch.NormalizeBuffer = new char[Math.Max(scratch.NormalizeBuffer.Length * 2, original.Length * 4)];
        }
    }

    /// <summary>
    /// Whether every unit is one whose run is NFC whatever its neighbours in the range (checked
    /// exhaustively for single units and for pairs below U+0500): Latin below the combining marks,
    /// Cyrillic letters, CJK unified ideographs. Saves the normaliser (which allocates) for most words.
    /// </summary>
    private static bool IsSurelyNfc(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c >= 0x300 && !(c is (>= '\u0400' and <= '\u0482') or (>= '\u048A' and <= '\u04FF') or (>= '\u4E00' and <= '\u9FFF')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads the emoji tokens from the gaps between words (a word never holds one), each with the
    /// number of words before it, then finds the emoji literals: their symbols in a row, with no
    /// word between.
    /// </summary>
    private void FindEmoji(TokenizedText tokens, ReadOnlySpan<char> text, CompiledMatchScratch scratch)
    {
        var wordCount = tokens.WordCount;
        for (var w = 0; w <= wordCount; w++)
        {
            var gapStart = w == 0 ? 0 : tokens.WordStart(w - 1) + tokens.WordLength(w - 1);
            var gapEnd = w < wordCount ? tokens.WordStart(w) : text.Length;
            for (var i = gapStart; i < gapEnd; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                    if (!QueryText.IsIgnorableSymbol(codePoint))
                    {
                        scratch.AddEmoji(new EmojiToken(i, QueryText.SymbolEnd(text, i + 2), codePoint, w));
                    }

                    i++;
                }
                else if (c >= 0x80 && QueryText.IsBmpSymbol(c))
                {
                    // No ASCII unit is of category OtherSymbol.
                    scratch.AddEmoji(new EmojiToken(i, QueryText.SymbolEnd(text, i + 1), TextFolding.Fold(c), w));
                }
            }
        }

        var emoji = scratch.EmojiTokens;
        for (var e = 0; e < emoji.Length; e++)
        {
            if (!_emoji.TryGetValue(emoji[e].Code, out var entries) || EndsAFlag(emoji, e))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var symbols = entry.Symbols;
                var last = e + symbols.Length - 1;
                if (last >= emoji.Length)
                {
                    continue;
                }

                var all = true;
                for (var k = 1; k < symbols.Length && all; k++)
                {
                    all = emoji[e + k].Code == symbols[k] && emoji[e + k].WordsBefore == emoji[e].WordsBefore;
                }

                if (all)
                {
                    scratch.AddOccurrence(entry.Literal, emoji[e].Start, emoji[last].End, emoji[e].WordsBefore, emoji[e].WordsBefore);
                }
            }
        }
    }

    /// <summary>
    /// Whether emoji <paramref name="e"/> is the second regional indicator of a flag: in a run of
    /// them written together they pair from the run's start, so 🇦🇺🇸🇪 (Australia, Sweden) holds no 🇺🇸.
    /// </summary>
    private static bool EndsAFlag(ReadOnlySpan<EmojiToken> emoji, int e)
    {
        var before = 0;
        for (var k = e; k > 0 && QueryText.IsRegionalIndicator(emoji[k].Code) && QueryText.IsRegionalIndicator(emoji[k - 1].Code) && emoji[k - 1].End == emoji[k].Start; k--)
        {
            before++;
        }

        return before % 2 == 1;
    }
}

/// <summary>An emoji of the text: its extent, its symbol (code point, or folded unit for a BMP symbol) and the number of words before it.</summary>
internal readonly record struct EmojiToken(int Start, int End, int Code, int WordsBefore);
