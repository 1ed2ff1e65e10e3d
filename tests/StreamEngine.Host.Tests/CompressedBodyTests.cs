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
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task A_compressed_body_is_read_as_its_posts(string encoding)
    {
        Func<Stream, Stream> compressor = encoding switch
        {
            "gzip" => s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true),
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

    [Fact]
    public async Task A_body_that_does_not_decompress_is_400_naming_its_encoding()
    {
        var (status, answer) = await IngestAsync(Encoding.UTF8.GetBytes(Post("gz-bad")), "gzip");

        Assert.Equal(400, status);
        Assert.StartsWith("the body is not valid gzip (Content-Encoding): ", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
