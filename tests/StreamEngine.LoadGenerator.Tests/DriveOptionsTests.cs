using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

public sealed class DriveOptionsTests
{
    private static readonly Uri Node = new("http://127.0.0.1:5341");

    [Theory]
    [InlineData(0.00001, 100)]
    [InlineData(0.5, 1000)]
    public void A_rate_whose_batches_are_further_apart_than_the_window_is_refused_naming_it(double rate, int batch)
    {
        // 0.00001 posts/s in batches of 100 waited longer than a timer takes, and the error ended
        // every sender without a word: one request, and exit 0.
        var options = new DriveOptions { Url = Node, Rate = rate, Batch = batch, Duration = TimeSpan.FromSeconds(20) };

        var error = Assert.Throws<ArgumentException>(options.Check);

        Assert.StartsWith($"--rate {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slow_rate_of_small_batches_is_taken() =>
        new DriveOptions { Url = Node, Rate = 0.5, Batch = 1, Duration = TimeSpan.FromSeconds(20) }.Check();

    [Fact]
    public void A_duration_over_half_an_hour_is_refused() =>
        Assert.Equal("--duration is capped at 30 minutes",
            Assert.Throws<ArgumentException>(new DriveOptions { Url = Node, Duration = TimeSpan.FromMinutes(31) }.Check).Message);
}
