using System.Text;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

public sealed class ReplayProgressTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9_999)]
    [InlineData(10_000)]
    public void Skipping_lines_leaves_the_file_at_the_next_one(int lines)
    {
        // Lines of every length, so that their ends fall on and across the reader's 64 KB blocks.
        var all = Enumerable.Range(1, 10_000).Select(i => $"line {i} " + new string('x', i % 37)).ToList();
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", all) + "\n"));

        Assert.Equal(lines, ReplayProgress.SkipLines(file, lines));

        var rest = new StreamReader(file).ReadToEnd();
        Assert.Equal(string.Concat(all.Skip(lines).Select(l => l + "\n")), rest);
    }

    [Fact]
    public void A_file_with_fewer_lines_is_read_to_its_end()
    {
        using var file = new MemoryStream("a\nb\nc"u8.ToArray());

        Assert.Equal(2, ReplayProgress.SkipLines(file, 5));
        Assert.Equal(file.Length, file.Position);
    }

    [Fact]
    public void The_lines_recorded_last_are_read_back()
    {
        using var dir = new TempDirectory();
        var progress = new ReplayProgress(Path.Combine(dir.Path, "replayed", "marker"));
        Assert.Equal(0, progress.LinesJournaled());

        progress.Record(250);
        progress.Record(1250);

        Assert.Equal(1250, new ReplayProgress(Path.Combine(dir.Path, "replayed", "marker")).LinesJournaled());
        progress.Remove();
        Assert.Equal(0, progress.LinesJournaled());

        // A report that arrives after the replay was done records nothing.
        progress.Record(1300);
        Assert.Equal(0, progress.LinesJournaled());
    }
}
