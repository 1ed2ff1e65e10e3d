using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Tests;

public sealed class SegmentCodesTests
{
    // The numbering is the process's: each test names values no other test uses.
    private static SegmentKey Key(string test, SegmentDimension dimension, int n) => new(dimension, $"{test}-{n}");

    [Fact]
    public void A_value_keeps_its_code_and_the_code_names_the_value()
    {
        var key = Key(nameof(A_value_keeps_its_code_and_the_code_names_the_value), SegmentDimension.Network, 0);

        var code = SegmentCodes.CodeOf(key);

        Assert.Equal(code, SegmentCodes.CodeOf(new SegmentKey(key.Dimension, new string(key.Value.AsSpan()))));
        Assert.Equal(key, SegmentCodes.KeyOf(code));
    }

    [Fact]
    public void A_value_read_as_characters_is_the_string_it_is_counted_by_once_counted()
    {
        var key = Key(nameof(A_value_read_as_characters_is_the_string_it_is_counted_by_once_counted), SegmentDimension.Country, 0);
        var chars = key.Value.ToCharArray();

        var before = SegmentCount.ValueOf(key.Dimension, chars);
        Assert.Equal(key.Value, before);
        Assert.NotSame(key.Value, before);

        SegmentCodes.CodeOf(key);
        Assert.Same(key.Value, SegmentCount.ValueOf(key.Dimension, chars));

        // In another dimension the same text is another value, not yet counted.
        Assert.NotSame(key.Value, SegmentCount.ValueOf(SegmentDimension.Language, chars));
    }

    [Fact]
    public void The_same_text_in_two_dimensions_is_two_values()
    {
        var country = Key(nameof(The_same_text_in_two_dimensions_is_two_values), SegmentDimension.Country, 0);
        var language = country with { Dimension = SegmentDimension.Language };

        Assert.NotEqual(SegmentCodes.CodeOf(country), SegmentCodes.CodeOf(language));
        Assert.Equal(language, SegmentCodes.KeyOf(SegmentCodes.CodeOf(language)));
    }

    [Fact]
    public void Values_coded_on_many_threads_at_once_get_one_code_each_that_names_them()
    {
        // Enough values to outgrow the table several times while the threads read it.
        const int values = 20_000;
        var keys = Enumerable.Range(0, values)
            .Select(n => Key(nameof(Values_coded_on_many_threads_at_once_get_one_code_each_that_names_them), (SegmentDimension)(n % 4), n))
            .ToArray();
        var seen = new int[Math.Max(2, Environment.ProcessorCount)][];
        using var start = new Barrier(seen.Length);

        // Every thread walks the values in the same order from the same moment, so they race for each new one.
        var threads = Enumerable.Range(0, seen.Length).Select(thread => new Thread(() =>
        {
            var codes = new int[values];
            start.SignalAndWait();
            for (var n = 0; n < values; n++)
            {
                codes[n] = SegmentCodes.CodeOf(keys[n]);
            }

            seen[thread] = codes;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        foreach (var codes in seen)
        {
            Assert.Equal(seen[0], codes);
        }

        Assert.Equal(values, seen[0].Distinct().Count());
        for (var n = 0; n < values; n++)
        {
            Assert.Equal(keys[n], SegmentCodes.KeyOf(seen[0][n]));
        }
    }
}
