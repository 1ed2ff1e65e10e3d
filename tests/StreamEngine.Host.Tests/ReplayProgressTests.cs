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
    public void The_lines_recorded_last_are_read_back_for_the_same_file_at_its_path()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "posts.ndjson");
        File.WriteAllText(file, "a\nb\nc\n");
        var progress = ReplayProgress.For(dir.Path, file);
        Assert.Equal(0, progress.LinesJournaled(out _));

        progress.Record(2);
        progress.Record(3);
        progress.Record(1);

        // Touched, or with lines appended: the same file.
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(1));
        File.AppendAllText(file, "d\n");
        Assert.Equal((3, false), (ReplayProgress.For(dir.Path, file).LinesJournaled(out var another), another));

        // Its start changed: another file.
        File.WriteAllText(file, "x\nb\nc\nd\n");
        Assert.Equal((0, true), (ReplayProgress.For(dir.Path, file).LinesJournaled(out another), another));
    }
}
