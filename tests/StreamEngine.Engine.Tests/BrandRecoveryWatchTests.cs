using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Tests;

/// <summary>An ask of a brand that fails to recover ends at once, with the cause and the ask still running; an answer clears the failure.</summary>
public sealed class BrandRecoveryWatchTests : TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_failure_heard_ends_the_asks_waiting_on_that_brand_and_an_answer_clears_it()
    {
        using var watch = await BrandRecoveryWatch.StartAsync(Sys, clusterWide: false, CancellationToken.None);
        var silent = Sys.ActorOf(SilentRegion.PropsFor(new ConcurrentQueue<RecordMentions>()));
        var asked = watch.AskAsync<MentionsAcknowledged>(silent, new RecordMentions("acme", new BrandDelta([])), TimeSpan.FromSeconds(2));
        var other = watch.AskAsync<MentionsAcknowledged>(silent, new RecordMentions("globex", new BrandDelta([])), TimeSpan.FromSeconds(2));

        Sys.EventStream.Publish(new BrandRecoveryFailed("acme", "EndOfStreamException reading brand-acme after sequence number 0"));

        var failed = await Assert.ThrowsAsync<BrandNotRecoveredException>(() => asked.WaitAsync(Generous));
        Assert.Equal("acme", failed.Failure.BrandId);
        Assert.Contains("brand 'acme' could not recover", failed.Message, StringComparison.Ordinal);
        Assert.Equal(["acme"], watch.Failed.Select(f => f.BrandId));

        // The ask ran on: it ends as it would have, here at its timeout; the other brand's was never cut short.
        await Assert.ThrowsAsync<AskTimeoutException>(() => failed.Answer.WaitAsync(Generous));
        await Assert.ThrowsAsync<AskTimeoutException>(() => other.WaitAsync(Generous));

        var answering = Sys.ActorOf(AcknowledgingRegion.PropsFor(new ConcurrentQueue<RecordMentions>()));
        await watch.AskAsync<MentionsAcknowledged>(answering, new RecordMentions("acme", new BrandDelta([])), Generous);
        Assert.Empty(watch.Failed);
    }

    [Fact]
    public async Task A_recheck_clears_the_brands_that_answer_now_and_keeps_the_others()
    {
        // Failures heard from another node's brands: this node never asked them.
        using var watch = await BrandRecoveryWatch.StartAsync(Sys, clusterWide: false, CancellationToken.None);
        Sys.EventStream.Publish(new BrandRecoveryFailed("acme", "NpgsqlException: connection refused"));
        Sys.EventStream.Publish(new BrandRecoveryFailed("globex", "EndOfStreamException reading brand-globex after sequence number 0"));
        await AwaitConditionAsync(() => Task.FromResult(watch.Failed.Count == 2), Generous);

        await watch.RecheckAsync(Sys.ActorOf(Props.Create(() => new OneBrandAnswers("acme"))), TimeSpan.FromMilliseconds(500));

        Assert.Equal(["globex"], watch.Failed.Select(f => f.BrandId));
    }

    /// <summary>A region in which one brand answers its summary and the others stay silent.</summary>
    private sealed class OneBrandAnswers : ReceiveActor
    {
        public OneBrandAnswers(string brand) =>
            Receive<GetBrandSummary>(q =>
            {
                if (q.BrandId == brand)
                {
                    Sender.Tell(new BrandSummary(q.BrandId, q.Window, DateTimeOffset.UnixEpoch, new BrandFigures(0, 0, 0, 0)));
                }
            });
    }
}
