using StreamEngine.Host.Api;

namespace StreamEngine.Host.Tests;

public sealed class StreamSilenceTests
{
    [Fact]
    public void Alerts_heard_but_not_written_do_not_put_off_the_keep_alive()
    {
        var time = new SteppedTime();
        var silence = new StreamSilence(TimeSpan.FromSeconds(15), time);

        // Alerts for other brands every 5 s: each is heard, none written.
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(10), silence.Left);
        time.Advance(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(silence.Left <= TimeSpan.Zero);
    }

    [Fact]
    public void A_write_starts_the_silence_again()
    {
        var time = new SteppedTime();
        var silence = new StreamSilence(TimeSpan.FromSeconds(15), time);
        time.Advance(TimeSpan.FromSeconds(14));

        silence.Broken();
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(11), silence.Left);
    }

    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
