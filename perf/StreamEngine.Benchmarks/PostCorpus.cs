using System.Text;

namespace StreamEngine.Benchmarks;

/// <summary>
/// A deterministic corpus of social posts of about 200 UTF-8 bytes each, mixing what a firehose
/// carries: English opinions with boosters, negations, capitals and '!', emoji (skin tones and
/// presentation selectors included), mentions, hashtags, URLs, and posts in other languages.
/// The same seed gives the same posts on every machine and .NET version.
/// </summary>
public static class PostCorpus
{
    public const int TargetBytes = 200;

    private static readonly string[] Brands = ["Acme", "@acme", "#acme", "Globex", "@GlobexSupport", "Initech", "#initech", "Umbrella"];

    private static readonly string[] Openers =
    [
        "Just got my new phone from {b}", "Ordered from {b} last week", "Anyone else having trouble with {b}",
        "Shoutout to {b} support", "Honestly {b} never disappoints", "Three days waiting for {b}",
        "Tried the new {b} app today", "Not sure what {b} is doing lately", "My {b} order finally arrived",
        "RT {b}: big announcement tomorrow",
    ];

    private static readonly string[] Opinions =
    [
        "and I LOVE it", "and it is really good", "but the battery is terrible", "and the delivery was not great",
        "it's kind of meh tbh", "the screen is absolutely stunning", "worst customer service ever",
        "pretty happy with it so far", "the update broke everything again", "not bad at all for the price",
        "extremely disappointed, will not buy again", "the staff were so helpful and friendly",
        "meh, nothing special", "it works, I guess", "best purchase this year",
        "the packaging was damaged but the product is fine", "still no refund, this is a joke",
        "SO GOOD", "can't complain", "it is slightly better than the old one",
    ];

    private static readonly string[] Tails =
    [
        "!!!", "!", ".", "...", "??", " lol", " :)", " :(", " <3", " #fail", " #happy", " #customerservice",
        " https://acme.example/p/48213?ref=tw", " http://t.co/x1Yz9Q", " @friend check this", "",
    ];

    private static readonly string[] Emoji = ["😍", "😂", "😡", "👍🏽", "❤️", "🙄", "😭", "🔥", "🤔", "🎉", "💔", "😱", "☕️", "🙏"];

    private static readonly string[] Foreign =
    [
        "Ce café est délicieux mais le service était un peu lent, dommage pour {b}",
        "Me encanta el nuevo móvil de {b}, la batería dura muchísimo",
        "Adorei o atendimento da {b}, chegou rapidinho e bem embalado",
        "Der Kundenservice von {b} ist leider eine Katastrophe, nie wieder",
        "{b} の新しいアプリ、使いやすくてとても気に入っています",
        "Заказ от {b} пришёл вовремя, всё отлично работает",
        "Naïve question: does {b} ship to São Paulo or Zürich?",
    ];

    /// <summary>Makes <paramref name="count"/> posts from <paramref name="seed"/>.</summary>
    public static string[] Generate(int count = 1000, ulong seed = 20141)
    {
        var random = new SplitMix64(seed);
        var posts = new string[count];
        var text = new StringBuilder();
        for (var p = 0; p < count; p++)
        {
            text.Clear();
            while (Encoding.UTF8.GetByteCount(text.ToString()) < TargetBytes - 10)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                AppendSentence(text, ref random);
            }

            posts[p] = Trim(text.ToString());
        }

        return posts;
    }

    private static void AppendSentence(StringBuilder text, ref SplitMix64 random)
    {
        var brand = Pick(Brands, ref random);
        if (random.Next(10) < 2)
        {
            text.Append(Pick(Foreign, ref random).Replace("{b}", brand, StringComparison.Ordinal));
        }
        else
        {
            text.Append(Pick(Openers, ref random).Replace("{b}", brand, StringComparison.Ordinal));
            text.Append(' ').Append(Pick(Opinions, ref random));
        }

        text.Append(Pick(Tails, ref random));
        for (var e = random.Next(3); e > 0; e--)
        {
            text.Append(random.Next(2) == 0 ? " " : "").Append(Pick(Emoji, ref random));
        }
    }

    /// <summary>Cuts back at spaces so posts stay within 10 bytes of the target.</summary>
    private static string Trim(string text)
    {
        while (Encoding.UTF8.GetByteCount(text) > TargetBytes + 10)
        {
            var space = text.LastIndexOf(' ');
            if (space <= 0)
            {
                break;
            }

            text = text[..space];
        }

        return text;
    }

    private static string Pick(string[] items, ref SplitMix64 random) => items[random.Next(items.Length)];
}
