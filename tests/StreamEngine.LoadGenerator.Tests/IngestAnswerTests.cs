using System.Net;
using System.Text;
using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A drive counts what the node said it took, and only an answer that reads as the node's.</summary>
public sealed class IngestAnswerTests
{
    private static IngestAnswer Read(HttpStatusCode status, string body, long lines) => IngestAnswer.Read(status, Encoding.UTF8.GetBytes(body), lines);

    [Fact]
    public void The_nodes_answer_is_read_as_it_is()
    {
        var answer = Read(HttpStatusCode.OK, """{"accepted":990,"rejected":10,"late":3,"unmatched":100,"duplicates":9}""", 1000);

        Assert.Equal((990L, 10L, 3L, 100L, 9L, HttpStatusCode.OK), (answer.Accepted, answer.Rejected, answer.Late, answer.Unmatched, answer.Duplicates, answer.Status));
        Assert.True(answer.Took);
    }

    [Fact]
    public void More_posts_counted_than_were_sent_is_a_failed_request()
    {
        // A stub answering 200 with ten times the lines sent was reported as 30,000 accepted from 3,000.
        var answer = Read(HttpStatusCode.OK, """{"accepted":10000,"rejected":0}""", 1000);

        Assert.False(answer.Took);
        Assert.Equal(0, answer.Accepted);
        Assert.Equal("HTTP 200 counting 10000 posts accepted and 0 rejected of a request of 1000 lines", answer.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html>ok</html>")]
    [InlineData(HttpStatusCode.TooManyRequests, "")]
    [InlineData(HttpStatusCode.OK, "[1,2]")]
    [InlineData(HttpStatusCode.OK, "{}")]
    [InlineData(HttpStatusCode.TooManyRequests, "{\"error\":\"busy\"}")]
    public void A_200_or_429_without_the_json_of_an_ingest_answer_is_a_failed_request(HttpStatusCode status, string body)
    {
        // It was counted as an acknowledged request, its latency kept, with nothing accepted.
        var answer = Read(status, body, 1000);

        Assert.Null(answer.Status);
        Assert.Equal($"HTTP {(int)status} without the JSON of an ingest answer", answer.Error);
    }

    [Fact]
    public void Another_status_without_json_keeps_its_status()
    {
        var answer = Read(HttpStatusCode.BadGateway, "bad gateway", 1000);

        Assert.Equal(HttpStatusCode.BadGateway, answer.Status);
        Assert.Equal("HTTP 502 without a JSON body", answer.Error);
    }
}
