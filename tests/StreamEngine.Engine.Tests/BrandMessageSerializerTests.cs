using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Sketches;
using System.Runtime.Serialization;
using Akka.Actor;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Competition;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Serialization;

namespace StreamEngine.Engine.Tests;

/// <summary>Messages to and from brand shards survive the trip between nodes.</summary>
public sealed class BrandMessageSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly BrandFigures Figures = new(12, 3400, 56, 9, new SentimentTally(5, 4, 2, 1, 1.25));

    private readonly BrandMessageSerializer _serializer;

    public BrandMessageSerializerTests() => _serializer = new BrandMessageSerializer((ExtendedActorSystem)Sys);

    public static TheoryData<object> Messages() =>
    [
        new RecordMentions("acme", new BrandDelta([
            new MinuteDelta(29_000_000, 3, 300, 12, [new SegmentCount(SegmentDimension.Country, "DE", 2), new SegmentCount(SegmentDimension.Sentiment, "negative", 1)],
                [17u, 4096u, 99_999u], new SentimentTally(1, 1, 1, 0, -0.5)),
        ])),
        new RecordMentions("acme", new BrandDelta([]), WriteBy: At.AddSeconds(25)),
        new MentionsAcknowledged("acme", 3),
        new FirehoseReachedMinute("acme", 29_000_000),
        new GetBrandSummary("acme", TimeWindow.SevenDays),
        new BrandSummary("acme", TimeWindow.OneHour, At, Figures),
        new GetBrandTimeseries("acme", TimeWindow.OneDay, TimeStep.Hour),
        new BrandTimeseries("acme", TimeWindow.FifteenMinutes, TimeStep.Minute, [new TimeseriesPoint(At, Figures), new TimeseriesPoint(At.AddMinutes(1), new BrandFigures(0, 0, 0, 0))]),
        new GetBrandSegments("acme", SegmentDimension.Concept, TimeWindow.ThirtyDays),
        new BrandSegments("acme", SegmentDimension.Concept, TimeWindow.OneDay, 12, [new SegmentFigure("delivery", 7), new SegmentFigure("price", 2)],
            new Dictionary<string, SentimentTally> { ["delivery"] = new(1, 2, 4, 0, 0) }),
        new GetBrandStanding("acme", TimeWindow.OneDay),
        new BrandStandingReply(new BrandStanding("globex", Figures, new Dictionary<string, long> { ["delivery"] = 3, ["app"] = 1 })),
        new GetBrandInfluencers("acme", TimeWindow.SevenDays, TallyWeight.Reach, 25),
        new BrandInfluencers("acme", TimeWindow.OneHour, TallyWeight.Engagement, [new AuthorContribution("x/@loud", new AuthorTally(6, 60, 6, 2, 4)), new AuthorContribution("reddit/u1", new AuthorTally(1, 2_000_000, 5, 1, 0))]),
        new GetBrandTrending("acme", TimeWindow.FifteenMinutes),
        new BrandTrending("acme", TimeWindow.OneDay, [new TrendingItem(TrendKind.Concept, "delivery", 40, 2.5, 19.6), new TrendingItem(TrendKind.Hashtag, "recallnow", 12, 0, 12), new TrendingItem(TrendKind.Intent, "complaint", 9, 1, 5.5)]),
        new GetBrandAlerts("acme", At.AddDays(-1)),
        new BrandAlerts("acme", [TestData.Alert(At), TestData.Alert(At.AddMinutes(5)) with { Drivers = [] }]),
        new GetBrandReport("acme", TimeWindow.SevenDays, TimeStep.Hour, [SegmentDimension.Gender, SegmentDimension.Concept], 10, At.AddDays(-7)),
        new BrandReportParts(
            new BrandSummary("acme", TimeWindow.OneHour, At, Figures),
            new BrandTimeseries("acme", TimeWindow.OneHour, TimeStep.Minute, [new TimeseriesPoint(At, Figures)]),
            [new BrandSegments("acme", SegmentDimension.Concept, TimeWindow.OneHour, 12, [new SegmentFigure("delivery", 7)], new Dictionary<string, SentimentTally> { ["delivery"] = new(1, 2, 4, 0, 0) }),
             new BrandSegments("acme", SegmentDimension.Country, TimeWindow.OneHour, 12, [new SegmentFigure("DE", 12)], new Dictionary<string, SentimentTally>())],
            new BrandStandingReply(new BrandStanding("acme", Figures, new Dictionary<string, long> { ["delivery"] = 7 })),
            new BrandInfluencers("acme", TimeWindow.OneHour, TallyWeight.Reach, [new AuthorContribution("x/@loud", new AuthorTally(6, 60, 6, 2, 4))]),
            new BrandAlerts("acme", [TestData.Alert(At)])),
        new AlertPublished(TestData.Alert(At)),
        new BrandRecoveryFailed("acme", "EndOfStreamException reading brand-acme after sequence number 0: Unable to read beyond the end of the stream."),
        new StreamEngine.Engine.Ingest.ModelPublished("brands:\n  - id: acme\n    query: acme\n", "akka.tcp://streamengine@127.0.0.1:4311", At),
        new StreamEngine.Engine.Ingest.ModelAsked("akka.tcp://streamengine@127.0.0.1:4312"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_reads_back_to_the_same_bytes_and_type(object message)
    {
        var manifest = _serializer.Manifest(message);
        var bytes = _serializer.ToBinary(message);

        var back = _serializer.FromBinary(bytes, manifest);

        Assert.IsType(message.GetType(), back);
        Assert.Equal(bytes, _serializer.ToBinary(back));
    }

    [Fact]
    public void Figures_and_aspects_keep_their_values()
    {
        var sent = new BrandSegments("acme", SegmentDimension.Concept, TimeWindow.OneDay, 12, [new SegmentFigure("delivery", 7), new SegmentFigure("price", 2)],
            new Dictionary<string, SentimentTally> { ["delivery"] = new(1, 2, 4, 0, 0) });
        var segments = (BrandSegments)_serializer.FromBinary(_serializer.ToBinary(sent), "segments.v1");
        var summary = (BrandSummary)_serializer.FromBinary(_serializer.ToBinary(new BrandSummary("acme", TimeWindow.OneHour, At, Figures)), "summary.v2");

        Assert.Equal(Figures, summary.Figures);
        Assert.Equal(At, summary.AsOf);
        Assert.Same(TimeWindow.OneHour, summary.Window);
        Assert.Equal(new SentimentTally(1, 2, 4, 0, 0), segments.Aspects["delivery"]);
        Assert.Equal(["delivery", "price"], segments.Segments.Select(s => s.Value));
    }

    [Fact]
    public void A_batch_keeps_its_deadline_and_one_from_a_node_of_the_version_before_has_none()
    {
        var sent = new RecordMentions("acme", new BrandDelta([]), WriteBy: At.AddSeconds(25));
        Assert.Equal(At.AddSeconds(25), ((RecordMentions)_serializer.FromBinary(_serializer.ToBinary(sent), "record-mentions.v3")).WriteBy);

        // Version 2 had no deadline between the brand id and the delta.
        using var v2 = new MemoryStream();
        using (var w = new BinaryWriter(v2))
        {
            w.Write("acme");
            StreamEngine.Engine.Serialization.BrandDeltaCodec.Write(w, new BrandDelta([]));
        }

        var old = (RecordMentions)_serializer.FromBinary(v2.ToArray(), "record-mentions.v2");
        Assert.Equal(("acme", (DateTimeOffset?)null), (old.BrandId, old.WriteBy));
    }

    [Fact]
    public void An_unknown_manifest_or_message_is_refused()
    {
        Assert.Throws<SerializationException>(() => _serializer.FromBinary([], "summary.v9"));
        Assert.Throws<ArgumentException>(() => _serializer.Manifest("not a brand message"));
        Assert.Throws<ArgumentException>(() => _serializer.ToBinary(42));
    }

    [Fact]
    public async Task A_brand_stop_answer_and_a_failed_write_reach_an_asker_on_another_node_as_what_they_are()
    {
        // Akka.Remote carries a failure's exception by type and rebuilds it on the asking node.
        var remote = Akka.Configuration.ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """);
        using var system = ActorSystem.Create("brand-stop-answer", remote);
        try
        {
            var stopped = Assert.IsType<BrandStoppedException>(RoundTrip(system, new BrandStoppedException("the batch for brand 'acme' reached no running brand")));
            Assert.Equal("the batch for brand 'acme' reached no running brand", stopped.Message);

            // A store's failure travels as text: a SocketException, as Npgsql's exceptions, cannot be rebuilt.
            var written = BrandJournalFailedException.Of("acme", new System.Net.Sockets.SocketException(111));
            var failed = Assert.IsType<BrandJournalFailedException>(RoundTrip(system, written));
            Assert.Equal(written.Message, failed.Message);
            Assert.Contains("SocketException", failed.Message, StringComparison.Ordinal);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static Exception RoundTrip(ActorSystem system, Exception cause)
    {
        var failure = new Status.Failure(cause);
        var serialization = system.Serialization;
        var serializer = serialization.FindSerializerFor(failure);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, failure);
        return ((Status.Failure)serialization.Deserialize(serializer.ToBinary(failure), serializer.Identifier, manifest)).Cause;
    }
}

