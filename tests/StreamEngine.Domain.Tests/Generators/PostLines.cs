using System.Text;
using CsCheck;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// NDJSON post lines, as bytes: mostly of the usual shape, with valid and invalid values of every
/// field, strings with escapes, surrogates and bytes that are not UTF-8, unknown and nested fields,
/// repeated fields, white space between tokens and content before or after the object.
/// </summary>
internal static class PostLines
{
    private static readonly byte[] Quote = [(byte)'"'];

    private static readonly Gen<byte[]> Piece = Gen.Frequency(
        (40, Utf8("acme", "Loving my new ", "globex", " ", "!", "é", "пришёл", "😀", "東京", "#acme", "@hooli", "a", "1")),
        (15, Utf8(@"\n", @"\""", @"\\", @"\/", @"\t", @"\b", @"\f", @"\r", @"\u0041", @"\u00e9", @"\uD83D\uDE00", @"\ud83e\udd14", @"\u0000")),
        (1, Utf8(@"\uD83D", @"\uDE00", @"\uD83D\u0041", @"\uD83Dx", @"\x", @"\u12", @"\uZZZZ", @"\", @"\uD83D\uD83D", @"\U0041", @"\uDE00\uD83D")),
        (1, Gen.OneOf<byte[]>([0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x01], [(byte)'\n'], [0xC0, 0xAF], [0xF0, 0x9F, 0x98])));

    private static readonly Gen<byte[]> AnyString = Piece.Array[0, 6].Select(pieces => Join([Quote, .. pieces, Quote]));

    private static readonly Gen<byte[]> Space = Gen.Frequency((600, Utf8("")), (50, Utf8(" ", "\t", "\n", "\r\n", "  ")), (1, Utf8("\f", "\v", "\u00A0")));

    private static readonly Gen<byte[]> Count = Gen.Frequency(
        (40, Utf8("0", "71", "1234", "100000000000")),
        (1, Utf8("100000000001", "-5", "1.5", "1e3", "01", "\"many\"", "null", "999999999999", "9999999999999", "2E2", "-0", "12a", "0x1", "7 7")));

    private static readonly Gen<byte[]> Id = Gen.Frequency((40, Utf8("\"p-1\"", "\"p-000000000042\"")), (2, AnyString), (1, Utf8("\"  \"", "7", "null", "\"\"")));

    private static readonly Gen<byte[]> Network = Gen.Frequency(
        (30, Utf8("\"x\"", "\"instagram\"", "\"TikTok\"")),
        (1, Utf8("\"twitter\"", "null", "\"\"", "\" \"", "5", "\"x\\u0000\"", "\"\\u0078\"")));

    private static readonly Gen<byte[]> CreatedAt = Gen.Frequency(
        (30, Utf8("\"2026-11-25T14:03:00Z\"", "\"2026-11-28T02:41:51.053Z\"", "\"2026-11-25T14:03:00+02:00\"", "\"2026-11-25T14:03:00.1234567-05:30\"",
            "\"2024-02-29T23:59:59Z\"", "\"2026-11-25T14:03:00.5+13:59\"", "\"2026-11-25T14:03:00-00:00\"")),
        (3, Utf8("\"2026-11-25T14:03:00\"", "\"2026-11-25T14:03:00.12345678Z\"", "\"2026-02-30T10:00:00Z\"", "\"2026-11-25\"", "\"2026-11-25T24:00:00Z\"",
            "\"2026-11-25T14:03:60Z\"", "\"2026-11-25T14:03:00+14:00\"", "\"2026-11-25T14:03:00+1400\"", "\"2026-11-25t14:03:00z\"", "\"2026-11-25T14:03Z\"",
            "\"0001-01-01T00:00:00+01:00\"", "\"9999-12-31T23:59:59-01:00\"", "1764079380", "null", "\"yesterday\"", "\"2026-11-25T14:03:00.Z\"",
            "\"2026-11-25T14:03:00\\u005A\"", "\"2026-11-25T14:03:00+02\"", "\"2026-13-01T00:00:00Z\"", "\"2026-11-25 14:03:00Z\"",
            "\"0002-01-01T00:00:00+13:59\"", "\"9998-12-31T23:59:59.9999999-13:59\"", "\"2026-11-25T14:03:00+05:60\"", "\"2026-04-31T00:00:00Z\"",
            "\"2100-02-29T00:00:00Z\"", "\"2000-02-29T12:00:00.1234567Z\"", "\"2026-11-25T14:03:00\\\"Z\"")));

    private static readonly Gen<byte[]> Text = Gen.Frequency((30, AnyString), (1, Utf8("null", "5", "[\"t\"]")));

    private static readonly Gen<byte[]> Lang = Gen.Frequency(
        (30, Utf8("\"en\"", "\"pt-BR\"", "\"und\"", "\"EN\"", "\"zh_Hant\"", "\"eng\"")),
        (1, Utf8("\"english\"", "null", "\"\"", "\"e1\"", "\" en\"", "\"en-" + new string('x', 70) + "\"", "\"" + new string(' ', 70) + "\"")));

    private static readonly Gen<byte[]> Optional = Gen.Frequency((30, AnyString), (1, Utf8("null", "\"  \"", "3", "{}")));

    private static readonly Gen<byte[]> PurchaseDate = Mostly(Utf8("\"2026-03-14\"", "null"), Utf8("\"2026-3-14\"", "\"2026-03-14T10:00:00Z\"", "\"2026-02-30\"", "7", "\"\""));

    private static readonly Gen<byte[]> Unknown = Gen.Frequency(
        (3, AnyString),
        (2, Utf8("12", "true", "false", "null", "0")),
        (1, Utf8("1.5", "-3", "1e5", "-0.5E+3", "1234567890123456789", "{\"a\":1}", "[1,2]", "{}", "[]", "tru", "nul", "01", "truex", "nullnull", "-", "1.", "1e", ".5")));

    private static readonly Gen<(string Name, byte[] Value)> AuthorMember = Gen.Frequency(
        (3, Optional.Select(v => ("id", v))),
        (3, Optional.Select(v => ("handle", v))),
        (1, Optional.Select(v => ("name", v))),
        (3, Count.Select(v => ("followers", v))),
        (2, Mostly(Utf8("true", "false", "null"), Utf8("\"yes\"", "1")).Select(v => ("verified", v))),
        (2, Mostly(Utf8("\"female\"", "\"Male\"", "\"unknown\"", "null"), Utf8("\"other\"", "\"\"")).Select(v => ("gender", v))),
        (2, Mostly(Utf8("0", "47", "150", "null"), Utf8("151", "-1", "30.0", "\"31\"", "007")).Select(v => ("age", v))),
        (2, Mostly(Utf8("\"US\"", "\"de\"", "null"), Utf8("\"usa\"", "\"\"", "\"D1\"")).Select(v => ("country", v))),
        (1, Unknown.Select(v => ("bio", v))),
        (1, Optional.Select(v => (@"\u0069d", v))),
        (1, Count.Select(v => ("ID", v))),
        (1, Text.Select(v => ("text", v))));

    private static readonly Gen<(string Name, byte[] Value)> EngagementMember = Gen.Frequency(
        (2, Count.Select(v => ("likes", v))),
        (2, Count.Select(v => ("shares", v))),
        (2, Count.Select(v => ("comments", v))),
        (2, Count.Select(v => ("views", v))),
        (1, Unknown.Select(v => ("saves", v))));

    private static readonly Gen<byte[]> Author = Gen.Frequency(
        (30, Object(AuthorMember, 0, 9)),
        (1, Utf8("null", "5", "\"a\"", "[]")));

    private static readonly Gen<byte[]> Engagement = Gen.Frequency(
        (30, Object(EngagementMember, 0, 5)),
        (1, Utf8("null", "[1]")));

    private static readonly Gen<(string Name, byte[] Value)> OptionalMember = Gen.Frequency(
        (3, Network.Select(v => ("network", v))),
        (3, Lang.Select(v => ("lang", v))),
        (4, Author.Select(v => ("author", v))),
        (3, Engagement.Select(v => ("engagement", v))),
        (2, Optional.Select(v => ("url", v))),
        (1, PurchaseDate.Select(v => ("purchaseDate", v))),
        (1, Unknown.Select(v => ("extra", v))),
        (1, Unknown.Select(v => ("été", v))),
        (1, Id.Select(v => ("id", v))),
        (1, Text.Select(v => (@"te\u0078t", v))),
        (1, Count.Select(v => ("followers", v))),
        (1, Unknown.Select(v => ("na\u0001me", v))));

    /// <summary>A line: the required fields (each sometimes left out), others in any number, shuffled.</summary>
    public static readonly Gen<byte[]> Line =
        from id in Id
        from createdAt in CreatedAt
        from text in Text
        from leaveOut in Gen.Int[0, 19]
        from others in OptionalMember.Array[0, 8]
        from order in Gen.Int.Array[12]
        from spaces in Space.Array[40]
        from before in Gen.Frequency((20, Utf8("")), (1, Utf8(" ", "\n", "[", "\uFEFF")))
        from whole in Gen.Frequency((200, Gen.Const((byte[]?)null)), (1, Utf8("null", "", " ", "\n", "[]", "\"text\"").Select(b => (byte[]?)b)))
        from after in Gen.Frequency((10, Utf8("")), (6, Utf8("\n")), (1, Utf8(" \r\n", "x", ",", "}", "{}", "\u0000")))
        from trailingComma in Gen.Int[0, 40]
        select whole ?? Build(id, createdAt, text, leaveOut, others, order, spaces, before, after, trailingComma == 0);

    /// <summary>The line as it would be printed, bytes that are not UTF-8 shown as \xNN.</summary>
    public static string Show(byte[] line)
    {
        var shown = new StringBuilder();
        var valid = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var i = 0; i < line.Length; i++)
        {
            var length = line[i] < 0x80 ? 1 : line[i] >= 0xF0 ? 4 : line[i] >= 0xE0 ? 3 : 2;
            try
            {
                shown.Append(valid.GetString(line, i, Math.Min(length, line.Length - i)));
                i += length - 1;
            }
            catch (ArgumentException)
            {
                shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{line[i]:X2}");
            }
        }

        return shown.ToString();
    }

    private static byte[] Build(byte[] id, byte[] createdAt, byte[] text, int leaveOut, (string Name, byte[] Value)[] others,
        int[] order, byte[][] spaces, byte[] before, byte[] after, bool trailingComma)
    {
        var members = new List<(string Name, byte[] Value)>();
        if (leaveOut != 1)
        {
            members.Add(("id", id));
        }

        if (leaveOut != 2)
        {
            members.Add(("createdAt", createdAt));
        }

        if (leaveOut != 3)
        {
            members.Add(("text", text));
        }

        members.AddRange(others);
        var shuffled = members.Select((m, i) => (m, key: order[i % order.Length] ^ i)).OrderBy(x => x.key).Select(x => x.m).ToList();
        var space = 0;
        byte[] Next() => spaces[space++ % spaces.Length];
        var line = new List<byte>(before);
        line.AddRange(ObjectBytes(shuffled, Next, trailingComma));
        line.AddRange(after);
        return [.. line];
    }

    private static Gen<byte[]> Object(Gen<(string Name, byte[] Value)> member, int least, int most) =>
        from members in member.Array[least, most]
        from spaces in Space.Array[24]
        select ObjectBytes(members, Spaces(spaces), trailingComma: false);

    private static Func<byte[]> Spaces(byte[][] spaces)
    {
        var next = 0;
        return () => spaces[next++ % spaces.Length];
    }

    private static byte[] ObjectBytes(IReadOnlyList<(string Name, byte[] Value)> members, Func<byte[]> space, bool trailingComma)
    {
        var bytes = new List<byte> { (byte)'{' };
        for (var i = 0; i < members.Count; i++)
        {
            bytes.AddRange(space());
            bytes.AddRange(Encoding.UTF8.GetBytes($"\"{members[i].Name}\""));
            bytes.AddRange(space());
            bytes.Add((byte)':');
            bytes.AddRange(space());
            bytes.AddRange(members[i].Value);
            bytes.AddRange(space());
            if (i < members.Count - 1 || (trailingComma && members.Count > 0))
            {
                bytes.Add((byte)',');
            }
        }

        bytes.Add((byte)'}');
        return [.. bytes];
    }

    private static byte[] Join(IEnumerable<byte[]> parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Usually one of <paramref name="usual"/>, now and then one of <paramref name="rare"/>.</summary>
    private static Gen<byte[]> Mostly(Gen<byte[]> usual, Gen<byte[]> rare) => Gen.Frequency((20, usual), (1, rare));

    private static Gen<byte[]> Utf8(params string[] options) => Gen.OneOf([.. options.Select(Encoding.UTF8.GetBytes)]);
}
