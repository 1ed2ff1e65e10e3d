using System.Text;
using CsCheck;
using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Tests.Generators;
using StreamEngine.Domain.Tests.Properties;
using Xunit.Abstractions;

namespace StreamEngine.Domain.Tests;

/// <summary>
/// Lines in the usual shape are read straight from their bytes; every other line goes to the JSON
/// reader. Whichever way a line goes, the post, or the refusal, must be what the JSON reader alone
/// gives: checked over generated lines that mix the usual shape with everything around it (escapes,
/// surrogates, bytes that are not UTF-8, dates in other forms, numbers out of range, nested and
/// unknown fields, white space, repeated fields, trailing content).
/// </summary>
public sealed class PostParserPlainLineTests(ITestOutputHelper output)
{
    private const int Lines = 20_000;

    [Theory]
    [InlineData("Yq0Fm2oT2z41")]
    [InlineData("3xEc9vKp1ab2")]
    public void Every_line_is_read_as_the_JSON_reader_alone_reads_it(string seed)
    {
        int plain = 0, refused = 0;
        PostLines.Line.SampleSeeded(
            line =>
            {
                var fast = PostParser.TryParse(line, plainLines: true, out var post, out var error);
                var reader = PostParser.TryParse(line, plainLines: false, out var expected, out var expectedError);
                Assert.Equal(reader, fast);
                Assert.Equal(expectedError, error);
                Assert.Equal(expected, post);
                Assert.Equal(expected?.CreatedAt.Offset, post?.CreatedAt.Offset);
                if (PostParser.TryReadPlainLine(line, out _))
                {
                    plain++;
                }

                if (!reader)
                {
                    refused++;
                }
            },
            seed,
            Lines,
            PostLines.Show);

        output.WriteLine($"seed {seed}: {Lines} lines, {plain} read plainly, {refused} refused");
        Assert.True(plain > Lines / 5, $"only {plain} of {Lines} lines were read plainly: the property says little about that path");
        Assert.True(refused > Lines / 5, $"only {refused} of {Lines} lines were refused");
    }

    [Fact]
    public void A_firehose_line_with_escaped_emoji_and_UTF_8_text_is_read_plainly()
    {
        var line = Encoding.UTF8.GetBytes(
            """{"id":"p-000000000001","network":"instagram","createdAt":"2026-11-28T02:41:41.383Z","text":"recomendo \uD83E\uDD14 a @acme, пришёл \"já\"\n","lang":"pt-BR","author":{"id":"a37724","handle":"user37724","followers":81,"verified":false,"age":56,"country":"GB"},"engagement":{"likes":0,"shares":0,"comments":0,"views":12},"url":"https://social.example/x/p1"}""" + "\n");

        Assert.True(PostParser.TryReadPlainLine(line, out var post));
        Assert.Equal("recomendo \U0001F914 a @acme, пришёл \"já\"\n", post.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 2, 41, 41, 383, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal(new Author("a37724", "user37724", null, 81, false, Gender.Unknown, 56, "GB"), post.Author);
        Assert.Equal("pt", post.Language);
        Assert.Equal(new Engagement(0, 0, 0, 12), post.Engagement);
    }

    [Fact]
    public void A_long_line_between_short_ones_is_read_as_the_JSON_reader_reads_it()
    {
        // Past 16 K a line is read with a borrowed buffer; the lines around it with the thread's own.
        var text = string.Concat(Enumerable.Repeat(@"\uD83D\uDE00 😀 пришёл ", 800));
        string[] lines =
        [
            """{"id":"p-1","createdAt":"2026-11-25T14:03:00Z","text":"short"}""",
            $$"""{"id":"p-2","createdAt":"2026-11-25T14:03:00Z","text":"{{text}}"}""",
            """{"id":"p-3","createdAt":"2026-11-25T14:03:00Z","text":"short again"}""",
        ];

        Assert.True(Encoding.UTF8.GetByteCount(lines[1]) > 16 * 1024);
        foreach (var line in lines.Select(Encoding.UTF8.GetBytes))
        {
            Assert.True(PostParser.TryReadPlainLine(line, out var post));
            Assert.True(PostParser.TryParse(line, plainLines: false, out var expected, out _));
            Assert.Equal(expected, post);
        }
    }

    [Theory]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00","text":"t"}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","extra":{"a":1}}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"followers":1.0}}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"\ud800"}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","te\u0078t":"t"}""")]
    public void Lines_of_other_shapes_go_to_the_JSON_reader(string json)
    {
        var line = Encoding.UTF8.GetBytes(json);

        Assert.False(PostParser.TryReadPlainLine(line, out _));
        Assert.Equal(PostParser.TryParse(line, plainLines: false, out var expected, out var expectedError), PostParser.TryParse(line, out var post, out var error));
        Assert.Equal(expected, post);
        Assert.Equal(expectedError, error);
    }
}
