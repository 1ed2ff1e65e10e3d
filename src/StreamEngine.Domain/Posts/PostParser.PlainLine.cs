using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace StreamEngine.Domain.Posts;

public static partial class PostParser
{
    // Bytes that end a run of plain string content: the closing quote, an escape, and the control
    // characters JSON refuses inside a string.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    // Decoded string values, reused by the lines a thread reads: a value never has more UTF-16
    // units than its line has bytes.
    [ThreadStatic]
    private static char[]? t_chars;

    /// <summary>
    /// Reads a post line of the usual shape straight from its bytes: the schema's fields (any order,
    /// repeated ones winning as in the JSON reader), strings with or without escapes, whole numbers
    /// for counts, true, false and null, and unknown fields holding a string, a number or a literal.
    /// It declines anything else (nested unknown values, dates in other forms, any value the schema
    /// refuses, any JSON the reader would refuse) by answering false, and the line is then read by
    /// the JSON reader, which names the problem. What it accepts, it reads exactly as the reader
    /// does: the post is the same. It exists because the firehose is mostly such lines, and the
    /// general reader spent about a fifth of the node's CPU on them.
    /// </summary>
    private ref struct PlainLine
    {
        private const int KeptChars = 16 * 1024;

        // As many digits as MaxCount has: a longer count is out of range, and the reader names it.
        private const int MostDigits = 12;

        private readonly ReadOnlySpan<byte> _line;
        private readonly Span<char> _chars;
        private int _at;

        private PlainLine(ReadOnlySpan<byte> line, Span<char> chars)
        {
            _line = line;
            _chars = chars;
            _at = 0;
        }

        public static bool TryRead(ReadOnlySpan<byte> line, ref Fields fields)
        {
            if (line.Length > KeptChars)
            {
                // A rare long line borrows a buffer rather than growing the one kept for the thread's life.
                var rented = ArrayPool<char>.Shared.Rent(line.Length);
                try
                {
                    return new PlainLine(line, rented).ReadPost(ref fields);
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }

            var chars = t_chars ??= new char[KeptChars];
            return new PlainLine(line, chars).ReadPost(ref fields);
        }

        private bool ReadPost(ref Fields f)
        {
            SkipWhitespace();
            return ReadObject(ref f, Level.Post) && AtEnd();
        }

        /// <summary>Which object's fields are being read.</summary>
        private enum Level : byte
        {
            Post,
            Author,
            Engagement,
        }

        private bool ReadPostField(Name name, ref Fields f) => name switch
        {
            Name.Id => ReadText(out f.Id, blankRefused: true),
            Name.Network => ReadCode(NetworkNames.TryParse, ref f.Network),
            Name.CreatedAt => ReadCreatedAt(ref f.CreatedAt),
            Name.Text => ReadText(out f.Text, blankRefused: false),
            Name.Lang => ReadCode<string?>(LanguageCode.TryPrimary, ref f.Language),
            Name.Author => ReadNested(ref f, Level.Author),
            Name.Engagement => ReadNested(ref f, Level.Engagement),
            Name.Url => ReadOptional(out f.Url),
            Name.PurchaseDate => ReadCode<DateOnly?>(TryIsoDate, ref f.PurchaseDate),
            _ => SkipScalar(),
        };

        private bool ReadAuthorField(Name name, ref Fields f) => name switch
        {
            Name.Id => ReadOptional(out f.AuthorId),
            Name.Handle => ReadOptional(out f.Handle),
            Name.AuthorName => ReadOptional(out f.AuthorName),
            Name.Followers => ReadCount(out f.Followers),
            Name.Verified => ReadVerified(out f.Verified),
            Name.Gender => ReadCode(GenderNames.TryParse, ref f.Gender),
            Name.Age => ReadAge(ref f.Age),
            Name.Country => ReadCode<string?>(CountryCode.TryParse, ref f.Country),
            _ => SkipScalar(),
        };

        private bool ReadEngagementField(Name name, ref Fields f) => name switch
        {
            Name.Likes => ReadCount(out f.Likes),
            Name.Shares => ReadCount(out f.Shares),
            Name.Comments => ReadCount(out f.Comments),
            Name.Views => ReadCount(out f.Views),
            _ => SkipScalar(),
        };

        /// <summary>The author or the engagement object, or null: either replaces one given before it, as the last value of a field given twice.</summary>
        private bool ReadNested(ref Fields f, Level level)
        {
            if (level == Level.Author)
            {
                f.ClearAuthor();
            }
            else
            {
                f.ClearEngagement();
            }

            return TryNull() || ReadObject(ref f, level);
        }

        /// <summary>An object of the post, its author or its engagement, after white space.</summary>
        private bool ReadObject(ref Fields f, Level level)
        {
            if (Peek() != '{')
            {
                return false;
            }

            _at++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _at++;
                return true;
            }

            while (true)
            {
                if (!ReadName(out var name) || !Next((byte)':'))
                {
                    return false;
                }

                SkipWhitespace();
                var read = level switch
                {
                    Level.Post => ReadPostField(name, ref f),
                    Level.Author => ReadAuthorField(name, ref f),
                    _ => ReadEngagementField(name, ref f),
                };
                if (!read)
                {
                    return false;
                }

                SkipWhitespace();
                var separator = Peek();
                _at++;
                if (separator == '}')
                {
                    return true;
                }

                if (separator != ',')
                {
                    return false;
                }

                SkipWhitespace();
            }
        }

        /// <summary>The names of the schema's fields, at any level; <see cref="Other"/> for the rest.</summary>
        private enum Name : byte
        {
            Other, Id, Network, CreatedAt, Text, Lang, Author, Engagement, Url, PurchaseDate,
            Handle, AuthorName, Followers, Verified, Gender, Age, Country, Likes, Shares, Comments, Views,
        }

        /// <summary>A property name without escapes, and which of the schema's it is.</summary>
        private bool ReadName(out Name name)
        {
            name = Name.Other;
            if (Peek() != '"')
            {
                return false;
            }

            // Names are short: a plain loop finds their end sooner than a vector search would start.
            // It reads a local copy of the line, which the JIT keeps in registers.
            var line = _line;
            var start = ++_at;
            var end = start;
            while ((uint)end < (uint)line.Length && line[end] is >= 0x20 and not (byte)'"' and not (byte)'\\')
            {
                end++;
            }

            if ((uint)end >= (uint)line.Length || line[end] != '"')
            {
                return false;
            }

            var bytes = line[start..end];
            _at = end + 1;
            name = KnownName(bytes);
            return name != Name.Other || Utf8.IsValid(bytes);
        }

        private static Name KnownName(ReadOnlySpan<byte> name) => name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => Name.Id,
            3 when name.SequenceEqual("url"u8) => Name.Url,
            3 when name.SequenceEqual("age"u8) => Name.Age,
            4 when name.SequenceEqual("text"u8) => Name.Text,
            4 when name.SequenceEqual("lang"u8) => Name.Lang,
            4 when name.SequenceEqual("name"u8) => Name.AuthorName,
            5 when name.SequenceEqual("likes"u8) => Name.Likes,
            5 when name.SequenceEqual("views"u8) => Name.Views,
            6 when name.SequenceEqual("author"u8) => Name.Author,
            6 when name.SequenceEqual("handle"u8) => Name.Handle,
            6 when name.SequenceEqual("gender"u8) => Name.Gender,
            6 when name.SequenceEqual("shares"u8) => Name.Shares,
            7 when name.SequenceEqual("network"u8) => Name.Network,
            7 when name.SequenceEqual("country"u8) => Name.Country,
            8 when name.SequenceEqual("verified"u8) => Name.Verified,
            8 when name.SequenceEqual("comments"u8) => Name.Comments,
            9 when name.SequenceEqual("createdAt"u8) => Name.CreatedAt,
            9 when name.SequenceEqual("followers"u8) => Name.Followers,
            10 when name.SequenceEqual("engagement"u8) => Name.Engagement,
            12 when name.SequenceEqual("purchaseDate"u8) => Name.PurchaseDate,
            _ => Name.Other,
        };

        /// <summary>A required string; a blank one, where <paramref name="blankRefused"/>, is declined for the reader to name.</summary>
        private bool ReadText(out string? value, bool blankRefused)
        {
            value = null;
            if (!ReadString(out var length) || (blankRefused && _chars[..length].IsWhiteSpace()))
            {
                return false;
            }

            value = new string(_chars[..length]);
            return true;
        }

        /// <summary>An optional string: null, or blank, leaves it unset (null), as the JSON reader's path does.</summary>
        private bool ReadOptional(out string? value)
        {
            value = null;
            if (TryNull())
            {
                return true;
            }

            if (!ReadString(out var length))
            {
                return false;
            }

            var chars = _chars[..length];
            value = chars.IsWhiteSpace() ? null : new string(chars);
            return true;
        }

        /// <summary>A code the schema knows, or null (unknown, also after a value given before it); anything else is declined.</summary>
        private bool ReadCode<T>(CodeParser<T> parse, ref T target)
        {
            if (TryNull())
            {
                target = default!;
                return true;
            }

            if (!ReadString(out var length) || length == 0 || !parse(_chars[..length], out var code))
            {
                return false;
            }

            target = code;
            return true;
        }

        private static bool TryIsoDate(ReadOnlySpan<char> text, out DateOnly? date)
        {
            var parsed = IsoDate.TryParse(text, out var day);
            date = parsed ? day : null;
            return parsed;
        }

        private bool ReadCount(out long value)
        {
            value = 0;
            return TryNull() || (ReadWholeNumber(out value) && value <= MaxCount);
        }

        private bool ReadAge(ref int? age)
        {
            if (TryNull())
            {
                age = null;
                return true;
            }

            if (!ReadWholeNumber(out var years) || years > MaxAge)
            {
                return false;
            }

            age = (int)years;
            return true;
        }

        private bool ReadVerified(out bool verified)
        {
            verified = TryLiteral("true"u8);
            return verified || TryLiteral("false"u8) || TryNull();
        }

        /// <summary>
        /// An ISO 8601 date-time with seconds and an offset (Z or ±hh:mm), up to seven decimals of
        /// a second, the form producers write; other forms are declined for the JSON reader.
        /// </summary>
        private bool ReadCreatedAt(ref DateTimeOffset? createdAt)
        {
            if (Peek() != '"')
            {
                return false;
            }

            var start = _at + 1;
            var length = _line[start..].IndexOf((byte)'"');
            if (length < 0 || !TryDateTime(_line.Slice(start, length), out var at))
            {
                return false;
            }

            _at = start + length + 1;
            createdAt = at;
            return true;
        }

        /// <summary>A string value, unescaped and checked to be UTF-8, into <see cref="_chars"/>.</summary>
        private bool ReadString(out int length)
        {
            length = 0;
            if (Peek() != '"')
            {
                return false;
            }

            _at++;
            while (true)
            {
                var run = _line[_at..].IndexOfAny(StringStops);
                if (run < 0)
                {
                    return false;
                }

                if (run > 0)
                {
                    if (Utf8.ToUtf16(_line.Slice(_at, run), _chars[length..], out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                    {
                        return false;
                    }

                    length += written;
                    _at += run;
                }

                var stop = _line[_at++];
                if (stop == '"')
                {
                    return true;
                }

                if (stop != '\\' || !Unescape(ref length))
                {
                    return false;
                }
            }
        }

        /// <summary>The escape after a backslash; a surrogate must come as a high and low pair of \u escapes.</summary>
        private bool Unescape(ref int length)
        {
            if (_at >= _line.Length)
            {
                return false;
            }

            var escape = _line[_at++];
            char unit;
            switch (escape)
            {
                case (byte)'"': unit = '"'; break;
                case (byte)'\\': unit = '\\'; break;
                case (byte)'/': unit = '/'; break;
                case (byte)'b': unit = '\b'; break;
                case (byte)'f': unit = '\f'; break;
                case (byte)'n': unit = '\n'; break;
                case (byte)'r': unit = '\r'; break;
                case (byte)'t': unit = '\t'; break;
                case (byte)'u':
                    if (!ReadHex(out unit) || char.IsLowSurrogate(unit))
                    {
                        return false;
                    }

                    if (char.IsHighSurrogate(unit))
                    {
                        if (!TryLiteral("\\u"u8) || !ReadHex(out var low) || !char.IsLowSurrogate(low))
                        {
                            return false;
                        }

                        _chars[length++] = unit;
                        unit = low;
                    }

                    break;
                default:
                    return false;
            }

            _chars[length++] = unit;
            return true;
        }

        private bool ReadHex(out char unit)
        {
            unit = '\0';
            if (_at + 4 > _line.Length)
            {
                return false;
            }

            var value = 0;
            for (var k = 0; k < 4; k++)
            {
                var digit = HexDigit(_line[_at + k]);
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 4) | digit;
            }

            _at += 4;
            unit = (char)value;
            return true;
        }

        private static int HexDigit(byte b) => b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };

        /// <summary>Digits only, no sign, fraction, exponent or leading zero, and at most twelve of them.</summary>
        private bool ReadWholeNumber(out long value)
        {
            value = 0;
            var line = _line;
            var start = _at;
            var end = start;
            while ((uint)end < (uint)line.Length && (uint)(line[end] - '0') <= 9 && end - start <= MostDigits)
            {
                value = (value * 10) + (line[end++] - '0');
            }

            _at = end;
            var digits = end - start;
            return digits is > 0 and <= MostDigits && (digits == 1 || line[start] != '0') && !ContinuesNumber();
        }

        /// <summary>
        /// Any number, as JSON writes them (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>): an
        /// unknown field may hold one, and its value is not read.
        /// </summary>
        private bool SkipNumber()
        {
            var line = _line;
            var at = _at;
            if (at < line.Length && line[at] == '-')
            {
                at++;
            }

            var integer = DigitRun(line, ref at);
            if (integer == 0 || (integer > 1 && line[at - integer] == '0'))
            {
                return false;
            }

            if (at < line.Length && line[at] == '.')
            {
                at++;
                if (DigitRun(line, ref at) == 0)
                {
                    return false;
                }
            }

            if (at < line.Length && line[at] is (byte)'e' or (byte)'E')
            {
                at++;
                if (at < line.Length && line[at] is (byte)'+' or (byte)'-')
                {
                    at++;
                }

                if (DigitRun(line, ref at) == 0)
                {
                    return false;
                }
            }

            _at = at;
            return true;
        }

        private static int DigitRun(ReadOnlySpan<byte> line, ref int at)
        {
            var start = at;
            while (at < line.Length && (uint)(line[at] - '0') <= 9)
            {
                at++;
            }

            return at - start;
        }

        /// <summary>A number goes on past its digits: the JSON reader would read a fraction or an exponent.</summary>
        private readonly bool ContinuesNumber() => _at < _line.Length && _line[_at] is (byte)'.' or (byte)'e' or (byte)'E';

        /// <summary>The value of a field the schema does not know: a string, a number, true, false or null.</summary>
        private bool SkipScalar() => Peek() switch
        {
            '"' => ReadString(out _),
            't' => TryLiteral("true"u8),
            'f' => TryLiteral("false"u8),
            'n' => TryNull(),
            '-' or (>= '0' and <= '9') => SkipNumber(),
            _ => false,
        };

        private bool TryNull() => TryLiteral("null"u8);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool TryLiteral(ReadOnlySpan<byte> literal)
        {
            if (!_line[_at..].StartsWith(literal))
            {
                return false;
            }

            _at += literal.Length;
            return true;
        }

        /// <summary>Skips white space, then takes <paramref name="expected"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Next(byte expected)
        {
            SkipWhitespace();
            if (Peek() != expected)
            {
                return false;
            }

            _at++;
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly char Peek() => (uint)_at < (uint)_line.Length ? (char)_line[_at] : '\0';

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SkipWhitespace()
        {
            // Producers seldom put white space between tokens.
            if ((uint)_at < (uint)_line.Length && _line[_at] > ' ')
            {
                return;
            }

            while (_at < _line.Length && _line[_at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                _at++;
            }
        }

        /// <summary>Only white space is left after the post's object.</summary>
        private bool AtEnd()
        {
            SkipWhitespace();
            return _at == _line.Length;
        }

        private static bool TryDateTime(ReadOnlySpan<byte> text, out DateTimeOffset at)
        {
            at = default;

            // yyyy-MM-ddTHH:mm:ss, then an optional fraction, then Z or ±hh:mm.
            if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
                || !Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
                || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
            {
                return false;
            }

            var rest = text[19..];
            long ticks = 0;
            if (rest[0] == '.')
            {
                var decimals = 1;
                while (decimals < rest.Length && (uint)(rest[decimals] - '0') <= 9)
                {
                    decimals++;
                }

                if (decimals is 1 or > 8 || !Digits(rest[1..decimals], out var fraction))
                {
                    return false;
                }

                ticks = fraction * TenToThe(8 - decimals);
                rest = rest[decimals..];
            }

            TimeSpan offset;
            if (rest.Length == 1 && rest[0] == 'Z')
            {
                offset = TimeSpan.Zero;
            }
            else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':'
                && Digits(rest.Slice(1, 2), out var offsetHours) && Digits(rest.Slice(4, 2), out var offsetMinutes)
                && offsetHours < 14 && offsetMinutes < 60)
            {
                offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                offset = rest[0] == '-' ? -offset : offset;
            }
            else
            {
                return false;
            }

            // Years at the ends of the calendar are left to the reader, which knows their limits.
            if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            at = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
            return true;
        }

        private static long TenToThe(int power)
        {
            var value = 1L;
            for (var i = 0; i < power; i++)
            {
                value *= 10;
            }

            return value;
        }

        private static bool Digits(ReadOnlySpan<byte> digits, out int value)
        {
            value = 0;
            foreach (var b in digits)
            {
                if ((uint)(b - '0') > 9)
                {
                    return false;
                }

                value = (value * 10) + (b - '0');
            }

            return true;
        }
    }
}
