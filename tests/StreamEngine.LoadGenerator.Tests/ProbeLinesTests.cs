using System.Net;
using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A probe's posts, at the end of a firehose batch of 1,000 lines, are not the firehose's accepted posts.</summary>
public sealed class ProbeLinesTests
{
    [Fact]
    public void A_request_answered_in_full_took_every_probe_line() =>
        Assert.Equal(3, ProbeLines.Taken(HttpStatusCode.OK, null, 1_000, 3));

    [Theory]
    [InlineData(1_004L, 3)]
    [InlineData(1_003L, 2)]
    [InlineData(1_001L, 0)]
    [InlineData(512L, 0)]
    public void A_request_answered_in_part_took_the_probe_lines_before_the_first_unread(long unreadFromLine, int taken) =>
        Assert.Equal(taken, ProbeLines.Taken(HttpStatusCode.TooManyRequests, unreadFromLine, 1_000, 3));

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(null)]
    public void A_refused_or_failed_request_took_none(HttpStatusCode? status) =>
        Assert.Equal(0, ProbeLines.Taken(status, null, 1_000, 3));
}
