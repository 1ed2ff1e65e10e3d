using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Engine.Tests;

public sealed class RoundGatheringTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);

    private readonly List<string> _log = [];

    // Time moves only when a test says so: a window passes exactly when it is advanced past.
    public RoundGatheringTests()
        : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
    }

    private void WindowPasses() => ((TestScheduler)Sys.Scheduler).Advance(Window);

    /// <summary>Waits until the stage has handed the round its chunk: its window runs from then.</summary>
    private void Joined(int round, int chunk) => AwaitCondition(() =>
    {
        lock (_log)
        {
            return _log.Contains($"{round}+{chunk}");
        }
    });

    private sealed record Closed(int Number, Round<int> Round);

    /// <summary>Numbers its rounds and writes down each chunk it is given and each close, in order.</summary>
    private sealed class Forming(int number, List<string> log) : IRoundForming<int, Closed>
    {
        public void Add(int chunk)
        {
            lock (log)
            {
                log.Add($"{number}+{chunk}");
            }
        }

        public Closed Close(Round<int> round)
        {
            lock (log)
            {
                log.Add($"{number} closed");
            }

            return new Closed(number, round);
        }
    }

    private (TestPublisher.Probe<int> Chunks, TestSubscriber.Probe<Closed> Rounds) Gather(RoundSize size)
    {
        var opened = 0;
        return this.SourceProbe<int>()
            .Via(new RoundGathering<int, Closed>(size, Window, () => new Forming(++opened, _log)))
            .ToMaterialized(this.SinkProbe<Closed>(), Keep.Both)
            .Run(Sys.Materializer());
    }

    private static void Send(TestPublisher.Probe<int> chunks, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            chunks.SendNext(i);
        }
    }

    [Fact]
    public void Rounds_close_full_at_the_limit_and_each_chunk_joins_its_round_before_the_round_closes()
    {
        var (chunks, rounds) = Gather(new RoundSize(64, Deadline));
        rounds.Request(2);

        Send(chunks, 0, 16);

        var first = rounds.ExpectNext();
        var second = rounds.ExpectNext();

        Assert.Equal([1, 2], [first.Number, second.Number]);
        Assert.Equal(Enumerable.Range(0, 8), first.Round.Chunks);
        Assert.Equal(Enumerable.Range(8, 8), second.Round.Chunks);
        Assert.True(first.Round.Limited && second.Round.Limited);
        Assert.Equal(
            Enumerable.Range(0, 8).Select(i => $"1+{i}").Append("1 closed").Concat(Enumerable.Range(8, 8).Select(i => $"2+{i}")).Append("2 closed"),
            _log);
    }

    [Fact]
    public void A_round_that_is_not_full_closes_once_its_window_has_passed()
    {
        var (chunks, rounds) = Gather(new RoundSize(64, Deadline));
        rounds.Request(1);

        chunks.SendNext(1).SendNext(2).SendNext(3);
        Joined(1, 3);
        WindowPasses();
        var round = rounds.ExpectNext().Round;

        Assert.Equal([1, 2, 3], round.Chunks);
        Assert.False(round.Limited);
    }

    [Fact]
    public void The_last_round_closes_when_the_chunks_end()
    {
        var (chunks, rounds) = Gather(new RoundSize(64, Deadline));

        chunks.SendNext(1).SendNext(2).SendComplete();
        rounds.Request(1);

        Assert.Equal([1, 2], rounds.ExpectNext().Round.Chunks);
        rounds.ExpectComplete();
    }

    [Fact]
    public void A_round_opened_after_the_limit_changed_closes_at_the_new_limit()
    {
        var size = new RoundSize(64, Deadline);
        var (chunks, rounds) = Gather(size);
        rounds.Request(1);
        Send(chunks, 0, 8);

        size.Journaled(rounds.ExpectNext().Round, TimeSpan.FromSeconds(1));
        rounds.Request(1);
        Send(chunks, 8, 16);

        var second = rounds.ExpectNext().Round;
        Assert.Equal((16, 16), (second.Limit, second.Chunks.Length));
    }

    [Fact]
    public void A_round_whose_window_passed_while_the_next_stage_was_busy_goes_when_it_asks()
    {
        var (chunks, rounds) = Gather(new RoundSize(64, Deadline));
        rounds.Request(1);
        chunks.SendNext(1);
        Joined(1, 1);
        WindowPasses();
        Assert.Equal([1], rounds.ExpectNext().Round.Chunks);

        // The next round's window passes with nobody asking; it gathers on meanwhile.
        chunks.SendNext(2);
        Joined(2, 2);
        WindowPasses();
        chunks.SendNext(3);
        Joined(2, 3);
        rounds.Request(1);

        Assert.Equal([2, 3], rounds.ExpectNext().Round.Chunks);
    }

    [Fact]
    public void A_full_round_held_back_when_the_chunks_end_still_goes_before_the_end()
    {
        var (chunks, rounds) = Gather(new RoundSize(64, Deadline));
        Send(chunks, 0, 8);

        chunks.SendComplete();
        rounds.Request(1);

        Assert.Equal(Enumerable.Range(0, 8), rounds.ExpectNext().Round.Chunks);
        rounds.ExpectComplete();
    }

    [Fact]
    public void A_round_gathering_when_the_limit_falls_closes_at_the_new_limit()
    {
        var size = new RoundSize(64, Deadline);
        var (chunks, rounds) = Gather(size);
        rounds.Request(1);
        chunks.SendNext(1).SendNext(2).SendNext(3);
        Joined(1, 3);

        // Some earlier round of eight was missed: the limit falls to four.
        size.Missed(RoundSize.Close(new RoundTicket(8, 0), new int[8]));
        chunks.SendNext(4);

        var round = rounds.ExpectNext().Round;
        Assert.Equal([1, 2, 3, 4], round.Chunks);
        Assert.False(round.Limited);
    }
}
