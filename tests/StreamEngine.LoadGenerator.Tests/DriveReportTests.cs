using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>What the table says of a run: what was measured, as it was measured.</summary>
public sealed class DriveReportTests
{
    [Fact]
    public void A_rate_below_one_post_a_second_is_printed_as_given() =>
        Assert.Contains("0.5 posts/s offered", (SampleReport.Of() with { OfferedRate = 0.5 }).Table(), StringComparison.Ordinal);
}
