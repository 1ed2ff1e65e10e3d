using StreamEngine.Domain.Matching.Compiled;

namespace StreamEngine.Domain.Tests.Matching.Compiled;

/// <summary>The vector-probed word table against a dictionary, with each of its tag probes.</summary>
public sealed class WordTableTests
{
    [Theory]
    [InlineData(nameof(TagProbe.Vector256))]
    [InlineData(nameof(TagProbe.Vector128))]
    [InlineData(nameof(TagProbe.Scalar))]
    public void Finds_every_key_and_no_other_word(string probe)
    {
        var random = new Random(41);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (keys.Count < 5_000)
        {
            keys.Add(Word(random));
        }

        var table = new WordTable<int>(keys.Select((k, i) => KeyValuePair.Create(k, i)), Enum.Parse<TagProbe>(probe));
        var expected = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        foreach (var (key, value) in expected)
        {
            Assert.True(table.TryGetValue(key, out var found), key);
            Assert.Equal(value, found);
        }

        var misses = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var word = Word(random);
            Assert.Equal(expected.ContainsKey(word), table.TryGetValue(word, out _));
            misses += expected.ContainsKey(word) ? 0 : 1;
        }

        Assert.True(misses > 10_000, "the probe words must mostly be absent for the test to mean much");
    }

    [Theory]
    [InlineData(nameof(TagProbe.Vector256))]
    [InlineData(nameof(TagProbe.Vector128))]
    [InlineData(nameof(TagProbe.Scalar))]
    public void Tells_apart_keys_with_the_same_length_and_ends(string probe)
    {
        // Same length, first four and last four characters: the same hash, told apart by the key compare.
        string[] keys = ["deliveryxone", "deliveryyone", "deliverizone", "delivery"];
        var table = new WordTable<string>(keys.Select(k => KeyValuePair.Create(k, k.ToUpperInvariant())), Enum.Parse<TagProbe>(probe));
        foreach (var key in keys)
        {
            Assert.True(table.TryGetValue(key, out var value));
            Assert.Equal(key.ToUpperInvariant(), value);
        }

        Assert.False(table.TryGetValue("deliveryzone", out _));
        Assert.False(table.TryGetValue("deliver", out _));
        Assert.False(table.TryGetValue("", out _));
    }

    [Fact]
    public void An_empty_table_finds_nothing()
    {
        var table = new WordTable<int>([]);
        Assert.Equal(0, table.Count);
        Assert.False(table.TryGetValue("acme", out _));
    }

    [Fact]
    public void Refuses_a_key_given_twice()
    {
        var error = Assert.Throws<ArgumentException>(() => new WordTable<int>([KeyValuePair.Create("acme", 1), KeyValuePair.Create("acme", 2)]));
        Assert.Contains("'acme'", error.Message, StringComparison.Ordinal);
    }

    private static string Word(Random random)
    {
        // Short words over a small alphabet, with some non-ASCII, so that probes often share ends.
        const string letters = "abcdeéлx東";
        var chars = new char[random.Next(1, 12)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = letters[random.Next(letters.Length)];
        }

        return new string(chars);
    }
}
