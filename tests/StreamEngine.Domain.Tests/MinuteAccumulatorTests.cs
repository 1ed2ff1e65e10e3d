using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Influence;

namespace StreamEngine.Domain.Tests;

public sealed class MinuteAccumulatorTests
{
    [Fact]
    public void A_minute_of_a_backfill_gives_its_tables_back_when_cleared()
    {
        var minute = new MinuteAccumulator();
        for (var i = 0; i < 200_000; i++)
        {
            minute.Authors.Add((uint)i);
            minute.Influencers[$"x/@a{i}"] = new AuthorTally(1, 10, 0, 0, 0);
            minute.Hashtags[$"#t{i}"] = 1;
        }

        minute.Clear();

        Assert.InRange(minute.Authors.EnsureCapacity(0), 0, MinuteAccumulator.TrimmedAbove);
        Assert.InRange(minute.Influencers.EnsureCapacity(0), 0, MinuteAccumulator.TrimmedAbove);
        Assert.InRange(minute.Hashtags.EnsureCapacity(0), 0, MinuteAccumulator.TrimmedAbove);
    }

    [Fact]
    public void An_ordinary_minute_keeps_its_tables_sized_for_the_next_batch()
    {
        var minute = new MinuteAccumulator();
        for (var i = 0; i < 1_000; i++)
        {
            minute.Authors.Add((uint)i);
        }

        var capacity = minute.Authors.EnsureCapacity(0);
        minute.Clear();

        Assert.Equal(capacity, minute.Authors.EnsureCapacity(0));
    }
}
