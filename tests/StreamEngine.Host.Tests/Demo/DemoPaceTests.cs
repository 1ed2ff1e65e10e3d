using StreamEngine.Host.Demo;

namespace StreamEngine.Host.Tests.Demo;

/// <summary>The demo firehose sends the rate asked, not the nearest multiple of ten above it or below.</summary>
public sealed class DemoPaceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(25)]
    [InlineData(200)]
    [InlineData(1_000_000)]
    public void Every_second_of_ticks_sends_the_rate(int rate)
    {
        // --demo-rate 1 and 5 sent 10 posts/s, 25 sent 20.
        var pace = new DemoPace(rate, 10);

        for (var second = 0; second < 3; second++)
        {
            var sent = Enumerable.Range(0, 10).Sum(_ => pace.Next());
            Assert.Equal(rate, sent);
        }
    }

    [Fact]
    public void A_slow_rate_is_spread_over_the_ticks()
    {
        var pace = new DemoPace(5, 10);

        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], Enumerable.Range(0, 10).Select(_ => pace.Next()));
    }
}
