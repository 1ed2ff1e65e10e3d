using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

public sealed class RoundSizeTests
{
    // Grows below 10 s, shrinks above 12.5 s.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(25);

    // A round of what the graph had to give, up to the limit: it closes full when there was at least that much.
    private static Round<int> FirstOf(RoundSize size, int gathered) => Gathered(size.Open(), gathered);

    private static Round<int> Gathered(RoundTicket ticket, int gathered) =>
        RoundSize.Close(ticket, Enumerable.Range(0, Math.Min(gathered, ticket.Limit)).ToArray());

    private static List<int> LimitsWhileRoundsTake(RoundSize size, TimeSpan took)
    {
        var limits = new List<int> { size.Limit };
        while (size.Limit < 64 && limits.Count < 100)
        {
            size.Journaled(FirstOf(size, size.Limit * 4), took);
            limits.Add(size.Limit);
        }

        return limits;
    }

    [Fact]
    public void Rounds_start_small_and_grow_while_held_back_rounds_journal_in_good_time()
    {
        Assert.Equal([8, 10, 12, 15, 18, 22, 27, 33, 41, 51, 63, 64], LimitsWhileRoundsTake(new RoundSize(64, Deadline), TimeSpan.FromSeconds(9.9)));
    }

    [Fact]
    public void The_quicker_the_rounds_the_larger_the_steps_up_to_twice()
    {
        Assert.Equal([8, 16, 32, 64], LimitsWhileRoundsTake(new RoundSize(64, Deadline), TimeSpan.FromSeconds(1)));
        Assert.Equal([8, 13, 21, 35, 58, 64], LimitsWhileRoundsTake(new RoundSize(64, Deadline), TimeSpan.FromSeconds(6)));
    }

    [Fact]
    public void A_round_closed_full_was_held_back_and_one_closed_before_was_not()
    {
        var size = new RoundSize(64, Deadline);

        Assert.True(FirstOf(size, 8).Limited);
        Assert.True(FirstOf(size, 9).Limited);
        Assert.False(FirstOf(size, 7).Limited);
    }

    [Fact]
    public void Each_new_limit_is_told_once_in_the_order_it_is_set()
    {
        var told = new List<int>();
        var size = new RoundSize(64, Deadline, told.Add);

        size.Journaled(FirstOf(size, 64), TimeSpan.FromSeconds(1));
        size.Journaled(FirstOf(size, 64), TimeSpan.FromSeconds(11));
        size.Missed(FirstOf(size, 64));

        Assert.Equal([8, 16, 8], told);
    }

    [Fact]
    public void Rounds_start_at_the_most_when_that_is_below_the_first_limit()
    {
        Assert.Equal(4, new RoundSize(4, Deadline).Limit);
        Assert.Equal(1, new RoundSize(1, Deadline).Limit);
    }

    [Fact]
    public void A_round_the_limit_did_not_hold_back_does_not_grow_it()
    {
        var size = new RoundSize(64, Deadline);

        var round = FirstOf(size, 7);
        size.Journaled(round, TimeSpan.FromMilliseconds(5));

        Assert.False(round.Limited);
        Assert.Equal(8, size.Limit);
    }

    [Fact]
    public void Rounds_opened_under_an_earlier_limit_do_not_grow_it_again()
    {
        var size = new RoundSize(64, Deadline);
        var rounds = Enumerable.Range(0, 4).Select(_ => size.Open()).ToList().ConvertAll(t => Gathered(t, 8));

        foreach (var round in rounds)
        {
            size.Journaled(round, TimeSpan.FromSeconds(1));
        }

        Assert.Equal(16, size.Limit);
    }

    [Fact]
    public void A_round_opened_before_the_limit_changed_and_came_back_does_not_grow_it()
    {
        var size = new RoundSize(64, Deadline);
        var early = FirstOf(size, 64);
        size.Journaled(FirstOf(size, 64), TimeSpan.FromSeconds(1));
        size.Journaled(FirstOf(size, 64), TimeSpan.FromSeconds(13));
        Assert.Equal((8, 8), (early.Limit, size.Limit));

        size.Journaled(early, TimeSpan.FromSeconds(1));

        Assert.Equal(8, size.Limit);
        size.Journaled(FirstOf(size, 64), TimeSpan.FromSeconds(1));
        Assert.Equal(16, size.Limit);
    }

    [Fact]
    public void A_round_between_the_two_marks_keeps_the_limit()
    {
        var size = new RoundSize(64, Deadline);

        size.Journaled(FirstOf(size, 64), TimeSpan.FromSeconds(11));

        Assert.Equal(8, size.Limit);
    }

    [Fact]
    public void A_slow_round_halves_what_it_held_once_however_many_were_in_flight()
    {
        var size = new RoundSize(64, Deadline);
        LimitsWhileRoundsTake(size, TimeSpan.FromSeconds(1));
        var inFlight = Enumerable.Range(0, 4).Select(_ => size.Open()).ToList().ConvertAll(t => Gathered(t, 64));

        foreach (var round in inFlight)
        {
            size.Journaled(round, TimeSpan.FromSeconds(12.6));
        }

        Assert.Equal(4, inFlight.Count);
        Assert.Equal(32, size.Limit);
    }

    [Fact]
    public void A_missed_round_halves_what_it_held_down_to_one_chunk()
    {
        var size = new RoundSize(64, Deadline);
        var limits = new List<int>();

        for (var i = 0; i < 5; i++)
        {
            size.Missed(FirstOf(size, 64));
            limits.Add(size.Limit);
        }

        Assert.Equal([4, 2, 1, 1, 1], limits);
        size.Journaled(FirstOf(size, 64), TimeSpan.FromSeconds(1));
        Assert.Equal(2, size.Limit);
    }
}
