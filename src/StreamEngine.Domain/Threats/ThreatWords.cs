using System.Buffers;
using StreamEngine.Domain.Matching;

namespace StreamEngine.Domain.Threats;

/// <summary>One word of a post: where its folded form is, where it is in the text, and whether a clause ends between it and the word before (a full stop, a comma, a line break).</summary>
internal readonly record struct ThreatWord(int FoldedStart, int FoldedLength, int Start, int End, char Prefix, bool AfterClauseEnd = false);

/// <summary>
/// A post's words as the text detectors compare them: runs of letters, digits and '_' folded
/// (lower case, no accents), an apostrophe inside a word dropped ("i'll" → ill, "don’t" → dont)
/// except a possessive or contracted 's, which is cut off ("Doe's" → doe, "let's" → let), and the
/// character before each word kept ('@' for a handle). Buffers are rented from the shared pools
/// and returned by <see cref="Dispose"/>, so cutting a post allocates nothing.
/// </summary>
internal ref struct ThreatWords
{
    /// <summary>Words past this many are not read: a post is short, and a wall of text is no threat the rules can judge.</summary>
    public const int MaxWords = 2048;

    private char[] _folded;
    private ThreatWord[] _words;

    private ThreatWords(char[] folded, ThreatWord[] words)
    {
        _folded = folded;
        _words = words;
    }

    public int Count { get; private set; }

    public readonly ReadOnlySpan<char> this[int index]
    {
        get
        {
            var w = _words[index];
            return _folded.AsSpan(w.FoldedStart, w.FoldedLength);
        }
    }

    public readonly ThreatWord At(int index) => _words[index];

    public static ThreatWords Of(ReadOnlySpan<char> text)
    {
        var words = new ThreatWords(ArrayPool<char>.Shared.Rent(Math.Max(16, text.Length)), ArrayPool<ThreatWord>.Shared.Rent(Math.Min(MaxWords, (text.Length / 2) + 1)));
        words.Cut(text);
        return words;
    }

    /// <summary>The words of a configured phrase (a pattern word, a name), folded the same way.</summary>
    public static string[] Split(string phrase)
    {
        using var words = Of(phrase);
        var result = new string[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            result[i] = words[i].ToString();
        }

        return result;
    }

    public void Dispose()
    {
        if (_folded is not null)
        {
            ArrayPool<char>.Shared.Return(_folded);
            ArrayPool<ThreatWord>.Shared.Return(_words);
            _folded = null!;
            _words = null!;
        }
    }

    private void Cut(ReadOnlySpan<char> text)
    {
        var length = 0;
        var i = 0;
        var limit = Math.Min(_words.Length, MaxWords);
        var clauseEnded = false;
        while (i < text.Length && Count < limit)
        {
            var folded = TextFolding.Fold(text[i]);
            if (!TextFolding.IsWordChar(folded))
            {
                clauseEnded |= text[i] is '.' or ',' or '!' or '?' or ';' or ':' or '\n' or '…' or '。' or '、' or '，' or '！' or '？';
                i++;
                continue;
            }

            var afterClauseEnd = clauseEnded;
            clauseEnded = false;

            var start = i;
            var foldedStart = length;
            var prefix = start == 0 ? ' ' : TextFolding.Fold(text[start - 1]);
            while (i < text.Length)
            {
                folded = TextFolding.Fold(text[i]);
                if (TextFolding.IsWordChar(folded))
                {
                    _folded[length++] = folded;
                    i++;
                }
                else if (folded == TextFolding.Dropped)
                {
                    i++;
                }
                else if (IsApostrophe(folded) && i + 1 < text.Length && TextFolding.IsWordChar(TextFolding.Fold(text[i + 1])))
                {
                    if (TextFolding.Fold(text[i + 1]) == 's' && (i + 2 == text.Length || !TextFolding.IsWordChar(TextFolding.Fold(text[i + 2]))))
                    {
                        _words[Count++] = new ThreatWord(foldedStart, length - foldedStart, start, i, prefix, afterClauseEnd);
                        i += 2; // the 's is not part of any word
                        foldedStart = -1;
                        break;
                    }

                    i++;
                }
                else
                {
                    break;
                }
            }

            if (foldedStart >= 0)
            {
                _words[Count++] = new ThreatWord(foldedStart, length - foldedStart, start, i, prefix, afterClauseEnd);
            }
        }
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or '‘';
}
