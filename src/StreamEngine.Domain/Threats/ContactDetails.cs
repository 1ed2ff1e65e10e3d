namespace StreamEngine.Domain.Threats;

internal enum ContactKind : byte
{
    Phone = 1,
    Email,
    Address,

    /// <summary>Words that point at where someone lives: "lives at", "home address".</summary>
    Residence,
}

/// <summary>A contact detail in a post: what it is and which words it covers.</summary>
internal readonly record struct ContactDetail(ContactKind Kind, int FirstWord, int LastWord, int Start, int End);

/// <summary>
/// Finds contact details in a post with character and word scans, no regular expressions:
/// <list type="bullet">
/// <item>phone numbers: digits with single spaces, dots, hyphens or brackets between groups; 10 to
/// 15 digits, or 8 to 15 after a '+', or a 3-4 local number (555-1234); not dates (too few
/// digits), IP addresses (four dotted groups) or figures after '#', '$', '€' or '£';</item>
/// <item>e-mail addresses: a mailbox, '@' and a domain with a dot;</item>
/// <item>street addresses: a house number (up to five digits, maybe a letter: 221b) followed
/// within four words by a street word (street, st, avenue, road, lane, drive...);</item>
/// <item>residence cues: "lives at", "lives on", "home address", "address is", "where he lives"...</item>
/// </list>
/// </summary>
internal static class ContactDetails
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StreetWords = new HashSet<string>(
        [
            "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr", "court", "ct",
            "way", "place", "pl", "terrace", "crescent", "close", "highway", "hwy", "parkway", "pkwy", "square", "sq",
            "circle", "cir", "trail", "row", "strasse", "str", "rue", "calle", "avenida", "via",
        ],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // Street words that are also everyday words ("will drive growth", "15 stores would close"):
    // an address with one of them needs its name written with capitals or digits.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EverydayStreetWords = new HashSet<string>(
        ["drive", "dr", "court", "ct", "way", "place", "pl", "terrace", "crescent", "close", "square", "sq", "circle", "cir", "trail", "row", "via"],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // Languages that put the street word before the name: "12 rue de Rivoli", "5 calle Mayor".
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StreetWordsFirst = new HashSet<string>(
        ["rue", "calle", "avenida", "via", "strasse"],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[][] ResidenceCues =
    [
        ["lives", "at"], ["lives", "on"], ["living", "at"], ["live", "at"], ["home", "address"], ["house", "address"],
        ["address", "is"], ["his", "address"], ["her", "address"], ["their", "address"], ["house", "is", "at"],
        ["house", "is", "on"], ["where", "he", "lives"], ["where", "she", "lives"], ["where", "they", "live"],
    ];

    /// <summary>Writes the contact details of the post into <paramref name="found"/> and answers how many.</summary>
    public static int Find(ReadOnlySpan<char> text, scoped in ThreatWords words, Span<ContactDetail> found)
    {
        var count = 0;
        for (var i = 0; i < text.Length && count < found.Length; i++)
        {
            var c = text[i];
            int end;
            if (c == '@' && (end = EmailEnd(text, i, out var start)) > 0)
            {
                count = Add(found, count, words, ContactKind.Email, start, end);
                i = end;
            }
            else if ((char.IsAsciiDigit(c) || c is '+' or '(') && (end = PhoneEnd(text, i)) > 0)
            {
                count = Add(found, count, words, ContactKind.Phone, i, end);
                i = end;
            }
        }

        for (var w = 0; w < words.Count && count < found.Length; w++)
        {
            if (IsHouseNumber(words[w]))
            {
                for (var k = w + 1; k < Math.Min(words.Count, w + 5); k++)
                {
                    if (StreetWords.Contains(words[k])
                        && ((k == w + 1 && k + 1 < words.Count && StreetWordsFirst.Contains(words[k]))
                            || (k > w + 1 && (!EverydayStreetWords.Contains(words[k]) || IsStreetName(text, words, w + 1, k)))))
                    {
                        count = Push(found, count, new ContactDetail(ContactKind.Address, w, k, words.At(w).Start, words.At(k).End));
                        break;
                    }
                }
            }

            foreach (var cue in ResidenceCues)
            {
                if (StartsWith(words, w, cue))
                {
                    var last = w + cue.Length - 1;
                    count = Push(found, count, new ContactDetail(ContactKind.Residence, w, last, words.At(w).Start, words.At(last).End));
                    break;
                }
            }
        }

        return count;
    }

    /// <summary>Where the e-mail address around the '@' at <paramref name="at"/> ends (exclusive), or 0.</summary>
    private static int EmailEnd(ReadOnlySpan<char> text, int at, out int start)
    {
        start = at;
        while (start > 0 && IsMailboxChar(text[start - 1]))
        {
            start--;
        }

        var end = at + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.'))
        {
            end++;
        }

        while (end > at + 1 && text[end - 1] == '.')
        {
            end--;
        }

        var domain = text[(at + 1)..end];
        var lastDot = domain.LastIndexOf('.');
        var top = lastDot > 0 ? domain[(lastDot + 1)..] : default;
        return start < at && top.Length >= 2 && IsAsciiLetters(top) ? end : 0;
    }

    /// <summary>Where the phone number starting at <paramref name="start"/> ends (exclusive), or 0.</summary>
    private static int PhoneEnd(ReadOnlySpan<char> text, int start)
    {
        if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '#' or '$' or '€' or '£' or '.' or ',' or '+'))
        {
            return 0;
        }

        var plus = text[start] == '+';
        int digits = 0, dots = 0, groups = 0, separatorRun = 0, end = start, longestGroup = 0, group = 0;
        var hasSeparator = false;

        // The first three groups, their values and the separators between them, to tell a date
        // (2026-11-29, 29.11.2026); and where the number stood before its last group, should that
        // group be the hour of a time.
        Span<int> lengths = stackalloc int[3];
        Span<int> values = stackalloc int[3];
        Span<char> between = stackalloc char[2];
        int endBeforeLast = start, digitsBeforeLast = 0;
        for (var i = plus ? start + 1 : start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (group == 0)
                {
                    groups++;
                    endBeforeLast = end;
                    digitsBeforeLast = digits;
                }

                digits++;
                group++;
                if (groups <= 3)
                {
                    lengths[groups - 1] = group;
                    values[groups - 1] = Math.Min(values[groups - 1] * 10 + (c - '0'), 100_000);
                }

                longestGroup = Math.Max(longestGroup, group);
                separatorRun = 0;
                end = i + 1;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')' && ++separatorRun <= 2)
            {
                if (separatorRun == 1 && groups is 1 or 2)
                {
                    between[groups - 1] = c;
                }

                dots += c == '.' ? 1 : 0;
                hasSeparator |= digits > 0;
                group = 0;
            }
            else
            {
                break;
            }
        }

        if (end < text.Length && char.IsLetterOrDigit(text[end]))
        {
            return 0;
        }

        // A date, maybe with the hour after it ("2026-11-29 10:30", "29.11.2026 10:30"), is not a
        // phone; a number running into a time ("555-123-4567 10:30") is read without the hour.
        var beforeTime = end + 1 < text.Length && text[end] == ':' && char.IsAsciiDigit(text[end + 1]);
        if ((groups == 3 || (groups == 4 && beforeTime)) && between[0] == between[1] && between[0] is '-' or '.' && IsDate(lengths, values))
        {
            return 0;
        }

        if (beforeTime)
        {
            (end, digits, groups) = (endBeforeLast, digitsBeforeLast, groups - 1);
            if (groups == 0)
            {
                return 0;
            }
        }

        var ipLike = dots == 3 && groups == 4 && longestGroup <= 3;
        var local = digits == 7 && groups == 2 && hasSeparator;
        var full = digits is >= 10 and <= 15 || (plus && digits is >= 8 and <= 15);
        return !ipLike && (full || local) ? end : 0;
    }

    /// <summary>Year, month and day in either order (2026-11-29, 29.11.2026, 11.29.2026), the year of this century or the last.</summary>
    private static bool IsDate(ReadOnlySpan<int> lengths, ReadOnlySpan<int> values)
    {
        static bool Year(int length, int value) => length == 4 && value is >= 1900 and <= 2099;
        static bool DayAndMonth(int a, int b) => a is >= 1 and <= 31 && b is >= 1 and <= 31 && (a <= 12 || b <= 12);
        return (Year(lengths[0], values[0]) && lengths[1] <= 2 && lengths[2] <= 2 && DayAndMonth(values[1], values[2]))
            || (Year(lengths[2], values[2]) && lengths[0] <= 2 && lengths[1] <= 2 && DayAndMonth(values[0], values[1]));
    }

    /// <summary>
    /// Whether the words [<paramref name="first"/>, <paramref name="end"/>) can name a street before
    /// an everyday street word: each written with a capital or a digit first ("42 Elm Drive"),
    /// unless the post has no capitals at all. Without it "says 3 new products will drive growth"
    /// and "15 stores would close" read as addresses.
    /// </summary>
    private static bool IsStreetName(ReadOnlySpan<char> text, scoped in ThreatWords words, int first, int end)
    {
        if (!text.ContainsAnyInRange('A', 'Z') && !HasUpperBeyondAscii(text))
        {
            return true;
        }

        for (var j = first; j < end; j++)
        {
            var initial = text[words.At(j).Start];
            if (!char.IsUpper(initial) && !char.IsAsciiDigit(initial))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasUpperBeyondAscii(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c > '\u007f' && char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHouseNumber(ReadOnlySpan<char> word)
    {
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
        {
            digits++;
        }

        return digits is >= 1 and <= 5 && (digits == word.Length || (digits == word.Length - 1 && char.IsAsciiLetterLower(word[^1])));
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMailboxChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool StartsWith(scoped in ThreatWords words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (!words[at + k].SequenceEqual(phrase[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Records a detail found by characters with the words it overlaps.</summary>
    private static int Add(Span<ContactDetail> found, int count, scoped in ThreatWords words, ContactKind kind, int start, int end)
    {
        int first = -1, last = -1;
        for (var w = 0; w < words.Count; w++)
        {
            var word = words.At(w);
            if (word.End <= start)
            {
                continue;
            }

            if (word.Start >= end)
            {
                break;
            }

            first = first < 0 ? w : first;
            last = w;
        }

        return first < 0 ? count : Push(found, count, new ContactDetail(kind, first, last, start, end));
    }

    private static int Push(Span<ContactDetail> found, int count, ContactDetail detail)
    {
        if (count < found.Length)
        {
            found[count++] = detail;
        }

        return count;
    }
}
