using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Domain.Posts;

/// <summary>
/// Reads one NDJSON line into a <see cref="Post"/>. A line is refused whole with a reason naming the
/// field; unknown fields are ignored so that producers can send more than the schema knows.
/// <para>
/// A line of the usual shape is read straight from its bytes (<see cref="PlainLine"/>); any other
/// line, and every line that is refused, goes through <see cref="Utf8JsonReader"/>, which gives the
/// same post for the lines both read (a property test holds them to it) and names what is wrong.
/// </para>
/// </summary>
public static partial class PostParser
{
    /// <summary>The oldest an author may be said to be, in years.</summary>
    public const int MaxAge = 150;

    // Far above any account's followers or any post's views, and low enough that a window's sums
    // of millions of posts cannot overflow.
    private const long MaxCount = 100_000_000_000;

    public static bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out Post? post, [NotNullWhen(false)] out string? error) =>
        TryParse(line, plainLines: true, out post, out error);

    /// <param name="line">The line.</param>
    /// <param name="plainLines">False reads every line with the JSON reader (for tests that compare the two ways).</param>
    /// <param name="post">The post read.</param>
    /// <param name="error">Why the line is refused.</param>
    internal static bool TryParse(ReadOnlySpan<byte> line, bool plainLines, [NotNullWhen(true)] out Post? post, [NotNullWhen(false)] out string? error)
    {
        if (plainLines && TryReadPlainLine(line, out post))
        {
            error = null;
            return true;
        }

        post = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = reader.TokenType == JsonTokenType.StartArray
                    ? "a post must be a JSON object, and this line is a JSON array: send NDJSON, one post object per line"
                    : "a post must be a JSON object";
                return false;
            }

            var fields = new Fields();
            error = ReadPost(ref reader, ref fields);

            if (error is null)
            {
                // Trailing content after the object surfaces here as a JsonException from the reader.
                reader.Read();
                error = fields.Build(out post);
            }

            return error is null;
        }
        catch (JsonException ex)
        {
            error = $"malformed JSON: {TrimJsonMessage(ex.Message)}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // What the reader refuses to decode where this parser did not expect it: the line is
            // refused on its own, never the lines around it.
            error = $"the line could not be read: {TrimJsonMessage(ex.Message)}";
            return false;
        }
    }

    /// <summary>Whether the line is one <see cref="PlainLine"/> reads (into <paramref name="post"/>), rather than the JSON reader.</summary>
    internal static bool TryReadPlainLine(ReadOnlySpan<byte> line, [NotNullWhen(true)] out Post? post)
    {
        var fields = new Fields();
        post = null;
        return PlainLine.TryRead(line, ref fields) && fields.Build(out post) is null && post is not null;
    }

    private static string TrimJsonMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }

    private static string? ReadPost(ref Utf8JsonReader reader, ref Fields f)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return null;
            }

            // Names are compared as UTF-8 where they lie: no string per property.
            var field = PostFieldOf(ref reader);
            reader.Read();
            var error = ReadField(ref reader, field, ref f);
            if (error is not null)
            {
                return error;
            }
        }

        return "the post object is not closed";
    }

    private static string? ReadField(ref Utf8JsonReader reader, PostField field, ref Fields f) => field switch
    {
        PostField.Id => ReadRequiredString(ref reader, "id", out f.Id),
        PostField.Network => ReadNetwork(ref reader, ref f),
        PostField.CreatedAt => ReadCreatedAt(ref reader, ref f),
        PostField.Text => ReadText(ref reader, ref f),
        PostField.Lang => ReadLanguage(ref reader, ref f),
        PostField.Author => ReadAuthor(ref reader, ref f),
        PostField.Engagement => ReadEngagement(ref reader, ref f),
        PostField.Url => ReadOptionalString(ref reader, "url", out f.Url),
        PostField.PurchaseDate => ReadPurchaseDate(ref reader, ref f),
        _ => Skip(ref reader),
    };

    private enum PostField { Other, Id, Network, CreatedAt, Text, Lang, Author, Engagement, Url, PurchaseDate }

    private static PostField PostFieldOf(ref Utf8JsonReader reader) =>
        !IsUnicodeName(ref reader) ? PostField.Other
        : reader.ValueTextEquals("id"u8) ? PostField.Id
        : reader.ValueTextEquals("network"u8) ? PostField.Network
        : reader.ValueTextEquals("createdAt"u8) ? PostField.CreatedAt
        : reader.ValueTextEquals("text"u8) ? PostField.Text
        : reader.ValueTextEquals("lang"u8) ? PostField.Lang
        : reader.ValueTextEquals("author"u8) ? PostField.Author
        : reader.ValueTextEquals("engagement"u8) ? PostField.Engagement
        : reader.ValueTextEquals("url"u8) ? PostField.Url
        : reader.ValueTextEquals("purchaseDate"u8) ? PostField.PurchaseDate
        : PostField.Other;

    private enum AuthorField { Other, Id, Handle, Name, Followers, Verified, Gender, Age, Country }

    private static AuthorField AuthorFieldOf(ref Utf8JsonReader reader) =>
        !IsUnicodeName(ref reader) ? AuthorField.Other
        : reader.ValueTextEquals("id"u8) ? AuthorField.Id
        : reader.ValueTextEquals("handle"u8) ? AuthorField.Handle
        : reader.ValueTextEquals("name"u8) ? AuthorField.Name
        : reader.ValueTextEquals("followers"u8) ? AuthorField.Followers
        : reader.ValueTextEquals("verified"u8) ? AuthorField.Verified
        : reader.ValueTextEquals("gender"u8) ? AuthorField.Gender
        : reader.ValueTextEquals("age"u8) ? AuthorField.Age
        : reader.ValueTextEquals("country"u8) ? AuthorField.Country
        : AuthorField.Other;

    private enum EngagementField { Other, Likes, Shares, Comments, Views }

    private static EngagementField EngagementFieldOf(ref Utf8JsonReader reader) =>
        !IsUnicodeName(ref reader) ? EngagementField.Other
        : reader.ValueTextEquals("likes"u8) ? EngagementField.Likes
        : reader.ValueTextEquals("shares"u8) ? EngagementField.Shares
        : reader.ValueTextEquals("comments"u8) ? EngagementField.Comments
        : reader.ValueTextEquals("views"u8) ? EngagementField.Views
        : EngagementField.Other;

    /// <summary>
    /// Whether a property name is valid Unicode. A name escaping an unpaired surrogate (<c>"\ud800"</c>)
    /// is none of the schema's, so it is an unknown field, skipped as any other; compared with a
    /// field's name, it made the reader throw, and every line of its chunk went unread.
    /// </summary>
    private static bool IsUnicodeName(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return true;
        }

        try
        {
            // Escaped names are rare: the string they cost is not paid per post.
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Longest short value (network, gender, lang, country, dates) read without a string.</summary>
    private const int ShortValueChars = 64;

    /// <summary>
    /// Copies a short string value into <paramref name="buffer"/>, unescaped, and gives its length;
    /// -1 when it is longer, and then the caller reads it as a string (such values are refused or rare).
    /// </summary>
    private static int CopyShort(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > buffer.Length)
        {
            return -1;
        }

        try
        {
            return reader.CopyString(buffer);
        }
        catch (InvalidOperationException)
        {
            // Not valid Unicode: the caller's string read names the field.
            return -1;
        }
    }

    /// <summary>
    /// The string value of <paramref name="field"/>, or why it cannot be one: the reader refuses
    /// bytes that are not UTF-8 and escapes of unpaired surrogates, and says so here, where the
    /// field's name is known.
    /// </summary>
    private static string? Decode(ref Utf8JsonReader reader, string field, out string? value)
    {
        try
        {
            value = reader.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return NotUnicode(field);
        }
    }

    private static string NotUnicode(string field) =>
        $"'{field}' holds text that is not valid Unicode (bytes that are not UTF-8, or an unpaired surrogate such as \\ud800)";

    private static readonly string ExpectedNetworks = "one of " + string.Join(", ", NetworkNames.Accepted);

    private delegate bool CodeParser<T>(ReadOnlySpan<char> text, out T value);

    /// <summary>
    /// Reads an optional field holding a code (a network, gender, language or country): parsed from
    /// the JSON bytes without a string when it is short and valid; a string only when it must be
    /// quoted back in an error. Null or blank reads as unknown, also after a value given before it:
    /// a field given twice counts as its last value.
    /// </summary>
    private static string? ReadCode<T>(ref Utf8JsonReader reader, string field, CodeParser<T> parse, ref T target, string expected)
    {
        Span<char> buffer = stackalloc char[ShortValueChars];
        if (reader.TokenType == JsonTokenType.String && CopyShort(ref reader, buffer) is var length and > 0
            && parse(buffer[..length], out var code))
        {
            target = code;
            return null;
        }

        var error = ReadOptionalString(ref reader, field, out var value);
        if (error is not null || value is null)
        {
            target = error is null ? default! : target;
            return error;
        }

        if (parse(value, out var slow))
        {
            target = slow;
            return null;
        }

        return $"'{field}' is '{value}'; expected {expected}";
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static string? ReadRequiredString(ref Utf8JsonReader reader, string field, out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"'{field}' must be a string";
        }

        return Decode(ref reader, field, out value) ?? (string.IsNullOrWhiteSpace(value) ? $"'{field}' must not be empty" : null);
    }

    private static string? ReadOptionalString(ref Utf8JsonReader reader, string field, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return $"'{field}' must be a string";
        }

        if (Decode(ref reader, field, out value) is { } notUnicode)
        {
            return notUnicode;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            value = null;
        }

        return null;
    }

    private static string? ReadText(ref Utf8JsonReader reader, ref Fields f)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return "'text' must be a string";
        }

        return Decode(ref reader, "text", out f.Text);
    }

    private static string? ReadNetwork(ref Utf8JsonReader reader, ref Fields f) =>
        ReadCode(ref reader, "network", NetworkNames.TryParse, ref f.Network, ExpectedNetworks);

    private static string? ReadCreatedAt(ref Utf8JsonReader reader, ref Fields f)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return "'createdAt' must be an ISO 8601 date-time string";
        }

        bool parsed;
        DateTimeOffset at;
        try
        {
            parsed = reader.TryGetDateTimeOffset(out at);
        }
        catch (InvalidOperationException)
        {
            return NotUnicode("createdAt");
        }

        if (!parsed)
        {
            if (Decode(ref reader, "createdAt", out var text) is { } notText)
            {
                return notText;
            }

            // RFC 3339 lets a date-time write its T and Z in lower case, which the JSON reader refuses.
            var upper = text!.ToUpperInvariant();
            return upper != text && TryReadDateTime(upper, out at)
                ? Keep(upper, at, ref f)
                : OutsideTheCalendar(upper)
                    ? $"'createdAt' is '{text}', a date-time whose UTC time falls outside the years 0001 to 9999"
                    : $"'createdAt' is '{text}'; expected an ISO 8601 date-time such as 2026-11-25T14:03:00Z";
        }

        Span<char> buffer = stackalloc char[ShortValueChars];
        var rawLength = CopyShort(ref reader, buffer);
        return Keep(rawLength >= 0 ? buffer[..rawLength] : reader.GetString().AsSpan(), at, ref f);
    }

    private static string? Keep(ReadOnlySpan<char> raw, DateTimeOffset at, ref Fields f)
    {
        var t = raw.IndexOf('T');
        if (t < 0)
        {
            return $"'createdAt' is '{raw}'; expected a date-time, not a date alone (its minute decides the bucket), such as 2026-11-25T14:03:00Z";
        }

        // The JSON reader reads a time without an offset as local time; the schema means UTC.
        if (!HasOffset(raw[t..]))
        {
            at = new DateTimeOffset(at.DateTime, TimeSpan.Zero);
        }

        f.CreatedAt = at;
        return null;
    }

    /// <summary>A date-time read as the JSON reader reads one (its ISO 8601 profile), from text already decoded.</summary>
    private static bool TryReadDateTime(string text, out DateTimeOffset at)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(text));
        reader.Read();
        return reader.TryGetDateTimeOffset(out at);
    }

    /// <summary>Whether the time part of an ISO 8601 date-time (from its 'T') ends in Z or carries an offset.</summary>
    private static bool HasOffset(ReadOnlySpan<char> time) =>
        time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;

    private static string? ReadLanguage(ref Utf8JsonReader reader, ref Fields f) =>
        ReadCode<string?>(ref reader, "lang", LanguageCode.TryPrimary, ref f.Language, "a BCP 47 tag such as en or pt-BR");

    private static string? ReadPurchaseDate(ref Utf8JsonReader reader, ref Fields f)
    {
        Span<char> buffer = stackalloc char[ShortValueChars];
        if (reader.TokenType == JsonTokenType.String && CopyShort(ref reader, buffer) is var dateLength and >= 0
            && IsoDate.TryParse(buffer[..dateLength], out var day))
        {
            f.PurchaseDate = day;
            return null;
        }

        var error = ReadOptionalString(ref reader, "purchaseDate", out var value);
        if (error is not null || value is null)
        {
            f.PurchaseDate = error is null ? null : f.PurchaseDate;
            return error;
        }

        if (IsoDate.TryParse(value, out var date))
        {
            f.PurchaseDate = date;
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && value.Contains('T', StringComparison.Ordinal))
        {
            f.PurchaseDate = DateOnly.FromDateTime(at.UtcDateTime);
            return null;
        }

        return OutsideTheCalendar(value.ToUpperInvariant())
            ? $"'purchaseDate' is '{value}', a date-time whose UTC date falls outside the years 0001 to 9999"
            : $"'purchaseDate' is '{value}'; expected a date such as 2026-03-14";
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a date-time with a valid offset (±hh:mm up to 14 hours)
    /// whose UTC time falls outside what a time can hold: 0001-01-01T00:00:00+05:00 is well formed,
    /// but five hours before the first instant.
    /// </summary>
    private static bool OutsideTheCalendar(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        var sign = t < 0 ? -1 : text.AsSpan(t).IndexOfAny('+', '-');
        if (sign <= 0)
        {
            return false;
        }

        var offset = text.AsSpan(t + sign + 1);
        if (!DateTime.TryParseExact(text.AsSpan(0, t + sign), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || !TimeSpan.TryParseExact(offset, offset.Contains(':') ? "hh\\:mm" : "hhmm", CultureInfo.InvariantCulture, out var magnitude)
            || magnitude > TimeSpan.FromHours(14))
        {
            return false;
        }

        var utcTicks = local.Ticks - ((text[t + sign] == '-' ? -1 : 1) * magnitude.Ticks);
        return utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks;
    }

    private static string? ReadAuthor(ref Utf8JsonReader reader, ref Fields f)
    {
        // A second author object is the author, not an addition to the first.
        f.ClearAuthor();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "'author' must be an object";
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = AuthorFieldOf(ref reader);
            reader.Read();
            var error = field switch
            {
                AuthorField.Id => ReadOptionalString(ref reader, "author.id", out f.AuthorId),
                AuthorField.Handle => ReadOptionalString(ref reader, "author.handle", out f.Handle),
                AuthorField.Name => ReadOptionalString(ref reader, "author.name", out f.AuthorName),
                AuthorField.Followers => ReadCount(ref reader, "author.followers", out f.Followers),
                AuthorField.Verified => ReadVerified(ref reader, ref f),
                AuthorField.Gender => ReadGender(ref reader, ref f),
                AuthorField.Age => ReadAge(ref reader, ref f),
                AuthorField.Country => ReadCountry(ref reader, ref f),
                _ => Skip(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ReadVerified(ref Utf8JsonReader reader, ref Fields f)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: f.Verified = true; return null;
            case JsonTokenType.False or JsonTokenType.Null: f.Verified = false; return null;
            default: return "'author.verified' must be true or false";
        }
    }

    private static string? ReadGender(ref Utf8JsonReader reader, ref Fields f) =>
        ReadCode(ref reader, "author.gender", GenderNames.TryParse, ref f.Gender, "female, male or unknown");

    private static string? ReadAge(ref Utf8JsonReader reader, ref Fields f)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            f.Age = null;
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !TryGetWhole(ref reader, out var age) || age is < 0 or > MaxAge)
        {
            return $"'author.age' must be a whole number of years from 0 to {MaxAge}";
        }

        f.Age = (int)age;
        return null;
    }

    private static string? ReadCountry(ref Utf8JsonReader reader, ref Fields f) =>
        ReadCode<string?>(ref reader, "author.country", CountryCode.TryParse, ref f.Country, "an ISO 3166-1 alpha-2 code such as US");

    private static string? ReadEngagement(ref Utf8JsonReader reader, ref Fields f)
    {
        f.ClearEngagement();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "'engagement' must be an object";
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = EngagementFieldOf(ref reader);
            reader.Read();
            var error = field switch
            {
                EngagementField.Likes => ReadCount(ref reader, "engagement.likes", out f.Likes),
                EngagementField.Shares => ReadCount(ref reader, "engagement.shares", out f.Shares),
                EngagementField.Comments => ReadCount(ref reader, "engagement.comments", out f.Comments),
                EngagementField.Views => ReadCount(ref reader, "engagement.views", out f.Views),
                _ => Skip(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ReadCount(ref Utf8JsonReader reader, string field, out long value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number && TryGetWhole(ref reader, out value) && value is >= 0 and <= MaxCount
            ? null
            : $"'{field}' must be a whole number from 0 to {MaxCount.ToString("N0", CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// A number of whole value however it is written: 1000, 1000.0 and 1e3 are one number to JSON,
    /// and producers that hold counts as floating point (Python's json, JavaScript) write them so.
    /// </summary>
    private static bool TryGetWhole(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TryGetInt64(out value))
        {
            return true;
        }

        value = 0;
        var number = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        var negative = number[0] == '-';
        var e = number.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = number[(negative ? 1 : 0)..(e < 0 ? number.Length : e)];

        // The digits with the point taken out, times ten to the power left: whole when every digit
        // that power puts after the point is a zero.
        var point = mantissa.IndexOf((byte)'.');
        var digits = point < 0 ? mantissa.ToArray() : [.. mantissa[..point], .. mantissa[(point + 1)..]];
        var exponent = 0;
        if (e >= 0)
        {
            // Held to the digits' length and a margin either way: further out, the value is past
            // any count or has a digit after the point whatever the exponent's own digits say.
            var bound = digits.Length + 40;
            var written = number[(e + 1)..];
            var sign = written[0] == '-' ? -1 : 1;
            foreach (var digit in written[(written[0] is (byte)'-' or (byte)'+' ? 1 : 0)..])
            {
                exponent = Math.Min((exponent * 10) + (digit - '0'), bound);
            }

            exponent *= sign;
        }

        var power = exponent - (point < 0 ? 0 : mantissa.Length - point - 1);
        var kept = digits.Length + Math.Min(power, 0);
        if (digits.AsSpan(Math.Max(kept, 0)).ContainsAnyExcept((byte)'0'))
        {
            return false;
        }

        long whole = 0;
        try
        {
            foreach (var digit in digits.AsSpan(0, Math.Max(kept, 0)))
            {
                whole = checked((whole * 10) + (digit - '0'));
            }

            for (var p = 0; p < power && whole != 0; p++)
            {
                whole = checked(whole * 10);
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        value = negative ? -whole : whole;
        return true;
    }

    /// <summary>Fields as they are read, before the required ones are checked.</summary>
    private struct Fields
    {
        public string? Id;
        public Network Network;
        public DateTimeOffset? CreatedAt;
        public string? Text;
        public string? Language;
        public string? AuthorId;
        public string? Handle;
        public string? AuthorName;
        public long Followers;
        public bool Verified;
        public Gender Gender;
        public int? Age;
        public string? Country;
        public long Likes;
        public long Shares;
        public long Comments;
        public long Views;
        public string? Url;
        public DateOnly? PurchaseDate;

        public void ClearAuthor()
        {
            AuthorId = Handle = AuthorName = Country = null;
            Followers = 0;
            Verified = false;
            Gender = Gender.Unknown;
            Age = null;
        }

        public void ClearEngagement() => Likes = Shares = Comments = Views = 0;

        public readonly string? Build(out Post? post)
        {
            post = null;
            if (Id is null)
            {
                return "'id' is required";
            }

            if (CreatedAt is null)
            {
                return "'createdAt' is required";
            }

            if (Text is null)
            {
                return "'text' is required";
            }

            var author = new Author(AuthorId, Handle, AuthorName, Followers, Verified, Gender, Age, Country);
            post = new Post(Id, Network, CreatedAt.Value, Text, Language, author,
                new Engagement(Likes, Shares, Comments, Views), Url, PurchaseDate);
            return null;
        }
    }
}
