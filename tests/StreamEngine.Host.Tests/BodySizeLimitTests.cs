using System.IO.Compression;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>Bodies past what a request may carry (1 GiB, less for a model or posts to analyze) are refused with 413 and an error naming the limit.</summary>
public sealed class BodySizeLimitTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const long OverLimit = (1L << 30) + 10;

    [Fact]
    public async Task A_model_declared_over_its_limit_is_refused_with_413_before_it_is_sent()
    {
        var (head, body) = await PostDeclaringAsync("/api/model/validate", OverLimit);

        Assert.StartsWith("HTTP/1.1 413", head, StringComparison.Ordinal);
        var error = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("the model is larger than 8 MiB, and was not read", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Analyze_refuses_a_body_over_its_own_limit_with_413_as_ingest_does()
    {
        var blank = new byte[(16 << 20) + 1];
        blank.AsSpan().Fill((byte)'\n');
        using var content = new ByteArrayContent(blank);
        using var response = await fixture.Engine.Http.PostAsync(new Uri("/api/analyze", UriKind.Relative), content);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 16 MiB", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/model/validate")]
    [InlineData("PUT", "/api/model")]
    public async Task A_model_over_8_MiB_is_refused_with_413_in_the_shape_of_a_refused_model(string method, string path)
    {
        var comment = new byte[(8 << 20) + 1];
        comment.AsSpan().Fill((byte)'#');
        // Sent in chunks, with no length declared: the limit is found as the body is read.
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new StreamContent(new MemoryStream(comment)) };
        request.Headers.TransferEncodingChunked = true;
        using var response = await fixture.Engine.Http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(answer.GetProperty("valid").GetBoolean());
        Assert.Equal("the model is larger than 8 MiB, and was not read", Assert.Single(answer.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Ingest_refuses_a_body_declared_over_the_limit_with_its_answer_naming_the_first_line_not_read()
    {
        var (head, body) = await PostDeclaringAsync("/api/ingest", OverLimit);

        Assert.StartsWith("HTTP/1.1 413", head, StringComparison.Ordinal);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("unreadFromLine").GetInt32());
        Assert.Contains("larger than 1 GiB", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_answers_for_the_lines_it_read_before_a_body_went_past_the_limit()
    {
        // Two posts, then over 1 GiB of lines too long to read, which cost the node a scan each:
        // one compressed line repeated as gzip members, so the body itself stays small.
        var posts = Encoding.UTF8.GetBytes(Post("limit-1") + Post("limit-2"));
        var padding = Compressed(Encoding.ASCII.GetBytes(new string(' ', 1 << 20) + "x\n"));
        using var body = new MemoryStream();
        body.Write(Compressed(posts));
        for (var i = 0; i < 1100; i++)
        {
            body.Write(padding);
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await fixture.Engine.Http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var unread = answer.GetProperty("unreadFromLine").GetInt32();
        Assert.InRange(unread, 3, 1100);
        Assert.Equal(unread - 3, answer.GetProperty("rejected").GetInt32());
        Assert.Contains($"lines from {unread} on were not read", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static string Post(string id) =>
        "{\"id\":\"" + id + "\",\"createdAt\":\"" + DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O") + "\",\"text\":\"beta\"}\n";

    private static byte[] Compressed(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    // HttpClient sends no more than a body holds; a client that declares more is what the limit is for.
    private async Task<(string Head, string Body)> PostDeclaringAsync(string path, long contentLength)
    {
        var address = fixture.Engine.Http.BaseAddress!;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/x-ndjson\r\nContent-Length: {contentLength}\r\n\r\n{{}}\n"));

        // The node answers without reading the rest, and closes the connection.
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var text = await reader.ReadToEndAsync(patience.Token);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split];
        var body = text[(split + 4)..];
        return (head, head.Contains("chunked", StringComparison.OrdinalIgnoreCase) ? Unchunked(body) : body);
    }

    private static string Unchunked(string chunked)
    {
        var text = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0)
            {
                return text.ToString();
            }

            text.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
