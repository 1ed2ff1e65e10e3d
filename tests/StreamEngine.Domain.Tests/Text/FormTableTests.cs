using System.Text;
using StreamEngine.Domain.Text;

namespace StreamEngine.Domain.Tests.Text;

/// <summary>
/// The form table against a dictionary: short keys are told apart by their head and tail alone,
/// so keys that share a head, a tail or a length with others are where it could go wrong.
/// </summary>
public sealed class FormTableTests
{
    private static readonly string[] Tricky =
    [
        "", "a", "ab", "ba", "aba", "abb", "abc", "abcd", "abce", "xbcd", "abcde", "abcdx", "abcxe",
        "abcdefgh", "abcdXfgh", "abcdefgX", "abcdefghi", "abcdXfghi", "abcdefghX", "abcdefghij",
        "abcdefghijklmnop", "abcdefghXjklmnop", "n't", "don't", ":)", ":-)", "<3", "é", "ß", "😀", "😀😀",
    ];

    [Fact]
    public void Finds_exactly_the_keys_it_holds()
    {
        var keys = Tricky.Where((_, i) => i % 2 == 0).ToArray();
        var table = new FormTable<int>(keys.Select((k, i) => KeyValuePair.Create(k, i)));

        foreach (var form in Tricky)
        {
            var index = Array.IndexOf(keys, form);
            Assert.Equal(index >= 0, table.TryGetValue(form, out var value));
            Assert.Equal(Math.Max(index, 0), value);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Agrees_with_a_dictionary_on_generated_forms(int seed)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, 5000).Select(_ => Form(random)).Distinct().ToArray();
        var dictionary = keys.Select((k, i) => KeyValuePair.Create(k, i)).ToDictionary();
        var table = new FormTable<int>(dictionary);

        // Every key, then forms one character away from a key, which share most of its head or tail.
        foreach (var form in keys.Concat(keys.Select(k => Mutate(k, random))).Concat(Enumerable.Range(0, 5000).Select(_ => Form(random))))
        {
            Assert.Equal(dictionary.TryGetValue(form, out var expected), table.TryGetValue(form, out var value));
            Assert.Equal(expected, value);
        }
    }

    private static string Form(Random random)
    {
        var length = random.Next(1, 14);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append("abeé'-:)"[random.Next(8)]);
        }

        return text.ToString();
    }

    private static string Mutate(string key, Random random)
    {
        var chars = key.ToCharArray();
        chars[random.Next(chars.Length)] = "abeé'-:)x"[random.Next(9)];
        return new string(chars);
    }
}
