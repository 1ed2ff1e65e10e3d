namespace StreamEngine.Domain.Text;

public sealed partial class TokenizedText
{
    /// <summary>Cuts <paramref name="text"/> into words and sentiment tokens, replacing the previous post's.</summary>
    public void Tokenize(ReadOnlySpan<char> text)
    {
        Reset(text.Length);

        // The walk carries as little state as it can, in locals, so that the JIT keeps it in
        // registers: where a word or token started, and how far each buffer is filled. Everything
        // else (word ends, prefixes, stripped punctuation) is worked out when a word or token closes.
        var folded = _folded;
        var forms = _forms;
        var foldedLength = 0;
        var wordStart = -1;
        var wordOrigin = 0;
        var solo = false;
        var formLength = 0;
        var tokenStart = -1;
        var tokenFormStart = 0;
        var seen = CharTrait.None;
        var emojiEnd = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var entry = CharTraits.Of(text[i]);
            var traits = CharTraits.Traits(entry);

            if ((traits & ~CharTrait.Cased) == CharTrait.Word && i >= emojiEnd)
            {
                // Most of a post is runs of plain letters and digits: each such unit extends the
                // current word and the current token alike, unless that word is a CJK character.
                if (solo)
                {
                    AddWord(text, wordStart, foldedLength, wordOrigin, i);
                    wordStart = -1;
                    solo = false;
                }

                if (wordStart < 0)
                {
                    wordStart = foldedLength;
                    wordOrigin = i;
                }

                if (tokenStart < 0)
                {
                    tokenStart = i;
                    tokenFormStart = formLength;
                    seen = CharTrait.None;
                }

                var cases = traits;
                folded[foldedLength++] = CharTraits.Folded(entry);
                forms[formLength++] = CharTraits.Folded(entry);
                while (++i < text.Length)
                {
                    if (i + AsciiRun.Width <= text.Length)
                    {
                        var run = AsciiRun.Copy(text.Slice(i, AsciiRun.Width), folded.AsSpan(foldedLength), forms.AsSpan(formLength), ref cases);
                        foldedLength += run;
                        formLength += run;
                        i += run;
                        if (run == AsciiRun.Width)
                        {
                            i--;
                            continue;
                        }
                    }

                    if (i == text.Length)
                    {
                        break;
                    }

                    entry = CharTraits.Of(text[i]);
                    traits = CharTraits.Traits(entry);
                    if ((traits & ~CharTrait.Cased) != CharTrait.Word)
                    {
                        break;
                    }

                    folded[foldedLength++] = CharTraits.Folded(entry);
                    forms[formLength++] = CharTraits.Folded(entry);
                    cases |= traits;
                }

                i--;
                seen |= cases;
                continue;
            }

            // Words, exactly as the term matcher has always split them. A combining mark neither
            // ends a word nor adds to it; a CJK character is a word by itself.
            if ((traits & CharTrait.Word) != 0)
            {
                if (wordStart >= 0 && (solo || (traits & CharTrait.Solo) != 0))
                {
                    AddWord(text, wordStart, foldedLength, wordOrigin, i);
                    wordStart = -1;
                }

                solo = (traits & CharTrait.Solo) != 0;
                if (wordStart < 0)
                {
                    wordStart = foldedLength;
                    wordOrigin = i;
                }

                folded[foldedLength++] = CharTraits.Folded(entry);
            }
            else if ((traits & CharTrait.Dropped) == 0 && wordStart >= 0)
            {
                AddWord(text, wordStart, foldedLength, wordOrigin, i);
                wordStart = -1;
                solo = false;
            }

            // Sentiment tokens.
            if (i < emojiEnd)
            {
                // Already replaced by the description of the emoji it belongs to.
                continue;
            }

            var emoji = -1;
            var emojiLength = 0;
            if ((traits & CharTrait.Space) != 0
                || ((traits & CharTrait.MaybeEmoji) != 0 && _emoji.MayStartAt(text[i]) && _emoji.TryMatch(text, i, out emojiLength, out emoji)))
            {
                if (tokenStart >= 0)
                {
                    formLength = CloseToken(text, tokenStart, i, tokenFormStart, formLength, seen);
                    tokenStart = -1;
                }

                if (emoji >= 0)
                {
                    formLength = AddEmojiDescription(emoji, i, emojiLength, formLength);
                    forms = _forms;
                    emojiEnd = i + emojiLength;
                }

                continue;
            }

            if (tokenStart < 0)
            {
                tokenStart = i;
                tokenFormStart = formLength;
                seen = CharTrait.None;
            }

            seen |= traits;
            if ((traits & CharTrait.Dropped) == 0)
            {
                forms[formLength++] = (traits & CharTrait.Apostrophe) != 0 ? '\'' : CharTraits.Folded(entry);
            }

            if ((traits & CharTrait.Emphasis) != 0)
            {
                if (CharTraits.Folded(entry) == '!')
                {
                    ExclamationCount++;
                }
                else
                {
                    QuestionCount++;
                }
            }
        }

        if (wordStart >= 0)
        {
            AddWord(text, wordStart, foldedLength, wordOrigin, text.Length);
        }

        if (tokenStart >= 0)
        {
            CloseToken(text, tokenStart, text.Length, tokenFormStart, formLength, seen);
        }

        FoldedLength = foldedLength;
    }

    private void Reset(int textLength)
    {
        // Both buffers keep room for a whole vector past the end of the text: see AsciiRun.
        var chars = textLength + AsciiRun.Width;
        BeginText(textLength, chars, sentimentTokens: true);
        if (_forms.Length < chars)
        {
            _forms = new char[Math.Max(chars, _forms.Length * 2)];
        }

        if (_tokens.Length < MostSeparated(textLength))
        {
            _tokens = new TokenSpan[Math.Max(MostSeparated(textLength), _tokens.Length * 2)];
            _descriptionWords = new int[_tokens.Length];
        }
    }

    /// <summary>
    /// Records the word whose folded characters run from <paramref name="foldedStart"/> to
    /// <paramref name="foldedEnd"/> and which spans the text from <paramref name="start"/> up to the
    /// separator at <paramref name="end"/> (combining marks before it included).
    /// </summary>
    private void AddWord(ReadOnlySpan<char> text, int foldedStart, int foldedEnd, int start, int end) =>
        _words[WordCount++] = new WordSpan(foldedStart, foldedEnd - foldedStart, start, end - start, FoldedBefore(text, start));

    /// <summary>The folded unit before <paramref name="start"/>, combining marks skipped; ' ' at the start.</summary>
    private static char FoldedBefore(ReadOnlySpan<char> text, int start)
    {
        for (var k = start - 1; k >= 0; k--)
        {
            var entry = CharTraits.Of(text[k]);
            if ((CharTraits.Traits(entry) & CharTrait.Dropped) == 0)
            {
                return CharTraits.Folded(entry);
            }
        }

        return ' ';
    }

    private void AddToken(TokenSpan token)
    {
        _tokens[TokenCount++] = token;
        if (token.IsAllCaps)
        {
            _allCapsTokens++;
        }
    }

    /// <summary>
    /// Records the token spanning the text from <paramref name="start"/> to <paramref name="end"/>,
    /// whose form was written from <paramref name="formStart"/> to <paramref name="formEnd"/>;
    /// answers where the next token's form starts.
    /// </summary>
    private int CloseToken(ReadOnlySpan<char> text, int start, int end, int formStart, int formEnd, CharTrait seen)
    {
        var flags = (seen & CharTrait.Upper) != 0 && (seen & CharTrait.Lower) == 0 ? TokenFlags.AllCaps : TokenFlags.None;
        if ((seen & CharTrait.Apostrophe) != 0)
        {
            flags |= TokenFlags.HasApostrophe;
        }

        if ((seen & CharTrait.Punctuation) != 0)
        {
            // VADER strips punctuation from the ends of a token unless that leaves two characters
            // or fewer (code points, as Python counts them): that keeps ":)", ":-(" and "<3" whole.
            // Punctuation is never a dropped unit, so each one stripped is one form character less.
            var coreStart = start;
            var coreEnd = end;
            while (coreStart < end && (CharTraits.Traits(CharTraits.Of(text[coreStart])) & CharTrait.Punctuation) != 0)
            {
                coreStart++;
            }

            while (coreEnd > coreStart && (CharTraits.Traits(CharTraits.Of(text[coreEnd - 1])) & CharTrait.Punctuation) != 0)
            {
                coreEnd--;
            }

            var coreUnits = coreEnd - coreStart;
            if (coreUnits > 2 && (coreUnits > 4 || CodePoints(text[coreStart..coreEnd]) > 2))
            {
                formStart += coreStart - start;
                formEnd -= end - coreEnd;
                start = coreStart;
                end = coreEnd;
            }
        }

        if (formEnd == formStart)
        {
            // Only combining marks: nothing to look up.
            return formStart;
        }

        AddToken(new TokenSpan(formStart, formEnd - formStart, start, end - start, flags));
        return formEnd;
    }

    private static int CodePoints(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    private int AddEmojiDescription(int emoji, int start, int length, int formLength)
    {
        var words = _emoji.DescriptionWords(emoji);
        var chars = _emoji.DescriptionChars;

        // Room for the description and for what the rest of the text can still add.
        var rest = TextLength - (start + length);
        var neededChars = formLength + _emoji.DescriptionLength(emoji) + rest + AsciiRun.Width;
        if (_forms.Length < neededChars)
        {
            Array.Resize(ref _forms, Math.Max(neededChars, _forms.Length * 2));
        }

        var neededTokens = TokenCount + words.Length + (rest / 2) + 1;
        if (_tokens.Length < neededTokens)
        {
            Array.Resize(ref _tokens, Math.Max(neededTokens, _tokens.Length * 2));
            Array.Resize(ref _descriptionWords, _tokens.Length);
        }

        if (words.IsEmpty)
        {
            return formLength;
        }

        // A description's words lie back to back, so they are copied at once.
        var first = words[0].FormStart;
        chars.Slice(first, _emoji.DescriptionLength(emoji)).CopyTo(_forms.AsSpan(formLength));
        var firstWord = _emoji.FirstWordOf(emoji);
        for (var k = 0; k < words.Length; k++)
        {
            var word = words[k];
            _descriptionWords[TokenCount] = firstWord + k;
            AddToken(new TokenSpan(formLength + word.FormStart - first, word.FormLength, start, length, word.Flags | TokenFlags.FromEmoji));
        }

        return formLength + _emoji.DescriptionLength(emoji);
    }
}
