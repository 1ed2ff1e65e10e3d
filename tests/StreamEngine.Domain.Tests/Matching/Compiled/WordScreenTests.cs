using StreamEngine.Domain.Matching.Compiled;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Matching.Compiled;

/// <summary>
/// The matcher's one-pass word screen against its two filters asked word by word: the same words
/// pass, whatever their length and wherever they sit in the fold buffer (its first unit, its last).
/// </summary>
public sealed class WordScreenTests
{
    // Short words, digits and a letter beyond ASCII, so that words of one to three units, which
    // the screen reads masked, are common, and the five low bits the prefix filter keeps collide.
    private const string Alphabet = "abcé7";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Passes_exactly_the_words_either_filter_passes(bool withWildcards)
    {
        var random = new Random(withWildcards ? 17 : 5);
        var keys = Enumerable.Range(0, 300).Select(_ => Word(random, 1, 7)).Distinct().ToList();
        var table = new WordTable<int>(keys.Select((k, i) => KeyValuePair.Create(k, i)));
        var prefixes = Enumerable.Range(0, 40).Select(_ => Word(random, 1, 5)).Distinct().ToList();
        var starts = withWildcards ? new AnchorFilter(prefixes, fromEnd: false) : null;
        var tokens = new TokenizedText();
        var passed = new int[256];
        var (keysSeen, passedSeen, turnedAway) = (0, 0, 0);
        for (var post = 0; post < 2_000; post++)
        {
            // Most posts end with a word, so that its last unit is the text's last.
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(4) == 0 ? keys[random.Next(keys.Count)] : Word(random, 1, 9)));
            tokens.TokenizeWords(text);
            var count = WordScreen.Screen(tokens, table.PresentBits, table.PresentMask, starts, passed);

            var expected = new List<int>();
            for (var w = 0; w < tokens.WordCount; w++)
            {
                var word = tokens.Word(w);
                var bit = WordHash.PresentBit(WordHash.Of(word), table.PresentMask);
                var present = (table.PresentBits[bit >> 6] & (1UL << bit)) != 0;
                if (present || (starts?.MayAnchor(word) ?? false))
                {
                    expected.Add(w);
                }

                keysSeen += table.TryGetValue(word, out _) ? 1 : 0;
                turnedAway += present ? 0 : 1;
            }

            Assert.True(expected.SequenceEqual(passed[..count]), $"'{text}': expected words {string.Join(",", expected)}, the screen passed {string.Join(",", passed[..count])}");
            passedSeen += count;
        }

        Assert.True(keysSeen > 1_000 && turnedAway > 1_000, $"{keysSeen} keys and {turnedAway} words turned away: the posts must hold many of each");
        Assert.True(passedSeen >= keysSeen, $"{passedSeen} words passed, fewer than the {keysSeen} keys");
    }

    [Fact]
    public void A_post_of_more_words_than_room_is_refused()
    {
        var table = new WordTable<int>([KeyValuePair.Create("acme", 0)]);
        var tokens = new TokenizedText();
        tokens.TokenizeWords("one two three");
        var error = Assert.Throws<ArgumentException>(() => WordScreen.Screen(tokens, table.PresentBits, table.PresentMask, null, new int[2]));
        Assert.Contains("room for 2 words, the post has 3", error.Message, StringComparison.Ordinal);
    }

    private static string Word(Random random, int min, int max) =>
        string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
}
