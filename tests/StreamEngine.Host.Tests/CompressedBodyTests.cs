using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

/// <summary>Bodies sent compressed, as a firehose client saves bandwidth, and in encodings the node does not read.</summary>
public sealed class CompressedBodyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private HttpClient Http => fixture.Engine.Http;

    private static string Post(string id) =>
        "{\"id\":\"" + id + "\",\"createdAt\":\"" + DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O") + "\",\"text\":\"beta\"}\n";

    private static byte[] Compressed(string text, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var stream = compressor(buffer))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private async Task<(int Status, JsonElement Body)> IngestAsync(byte[] body, string encoding)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-ndjson");
        content.Headers.ContentEncoding.Add(encoding);
        using var response = await Http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task A_compressed_body_is_read_as_its_posts(string encoding)
    {
        Func<Stream, Stream> compressor = encoding switch
        {
            "gzip" or "x-gzip" => s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true),
            "br" => s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true),
            _ => s => new ZLibStream(s, CompressionLevel.Fastest, leaveOpen: true),
        };
        var body = Compressed(Post($"gz-{encoding}-1") + "not json\n" + Post($"gz-{encoding}-2"), compressor);

        var (status, answer) = await IngestAsync(body, encoding);

        Assert.Equal(200, status);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Another_endpoint_refuses_a_body_that_does_not_decompress_with_400()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Post("analyze-bad") + new string('x', 4096)));
        content.Headers.ContentEncoding.Add("br");
        using var response = await Http.PostAsync(new Uri("/api/analyze", UriKind.Relative), content);

        Assert.Equal(400, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.StartsWith("the body is not valid br (Content-Encoding): ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_or_identity_encoding_is_read_as_it_is()
    {
        foreach (var encoding in new[] { "", "identity" })
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Post($"plain-{encoding.Length}")));
            content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
            using var response = await Http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content);

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        }
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("gzip, br")]
    public async Task A_body_in_an_encoding_not_read_here_is_415_naming_it(string encoding)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Post("enc-1")));
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        using var response = await Http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content);

        Assert.Equal(415, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains($"Content-Encoding '{encoding}' is not read here", error, StringComparison.Ordinal);
        Assert.Contains("gzip, br or deflate", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task A_body_that_does_not_decompress_is_400_naming_its_encoding(string encoding)
    {
        var (status, answer) = await IngestAsync(Encoding.UTF8.GetBytes(Post($"bad-{encoding}") + new string('x', 4096)), encoding);

        Assert.Equal(400, status);
        Assert.StartsWith($"the body is not valid {encoding} (Content-Encoding): ", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("unreadFromLine").GetInt32());
    }

    [Fact]
    public async Task A_body_that_stops_decompressing_part_way_answers_for_the_lines_read_before()
    {
        // Well over one chunk of posts, then a gzip member whose data starts with a block of a type
        // deflate does not have: the first chunks reach the graph before the decoder meets it.
        var lines = string.Concat(Enumerable.Range(0, 4_000).Select(i => Post($"gz-part-{i}")));
        byte[] broken = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        var body = Compressed(lines, s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)).Concat(broken).ToArray();

        var (status, answer) = await IngestAsync(body, "gzip");

        Assert.Equal(400, status);
        var unreadFrom = answer.GetProperty("unreadFromLine").GetInt32();
        var accepted = answer.GetProperty("accepted").GetInt32();
        Assert.InRange(accepted, 1, 3_999);
        Assert.Equal(0, answer.GetProperty("rejected").GetInt32());
        Assert.Equal(accepted + 1, unreadFrom);
        Assert.Contains($"lines from {unreadFrom} on were not read", answer.GetProperty("error").GetString(), StringComparison.Ordinal);

        // What was answered for counts: the same lines sent again plainly are duplicates, the rest new.
        var (resent, again) = await Http.PostNdjsonAsync(lines);
        Assert.Equal(200, resent);
        Assert.Equal(accepted, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(4_000 - accepted, again.GetProperty("accepted").GetInt32() - again.GetProperty("duplicates").GetInt32());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task A_body_cut_short_is_400_naming_its_encoding_and_answers_for_the_lines_read_before(string encoding)
    {
        // A proxy or a client that died cuts the body: it read as a shorter body, answered 200.
        var lines = string.Concat(Enumerable.Range(0, 4_000).Select(i => Post($"cut-{encoding}-{i}")));
        var whole = Compressed(lines, s => encoding switch
        {
            "gzip" => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true),
            _ => new ZLibStream(s, CompressionLevel.Fastest, leaveOpen: true),
        });

        var (status, answer) = await IngestAsync(whole[..(whole.Length * 2 / 3)], encoding);

        Assert.Equal(400, status);
        Assert.StartsWith($"the body is not valid {encoding} (Content-Encoding): ", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        var accepted = answer.GetProperty("accepted").GetInt32();
        Assert.InRange(accepted, 0, 3_999);
        Assert.Equal(accepted + 1, answer.GetProperty("unreadFromLine").GetInt32());
    }
}
