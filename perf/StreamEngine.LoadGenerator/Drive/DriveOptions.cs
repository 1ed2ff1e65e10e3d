using System.Globalization;

namespace StreamEngine.LoadGenerator.Drive;

/// <summary>What <c>drive</c> does to a running node.</summary>
public sealed record DriveOptions
{
    public required Uri Url { get; init; }

    /// <summary>Offered posts per second; null sends as fast as the connections go (closed loop).</summary>
    public double? Rate { get; init; }

    public int Connections { get; init; } = 4;

    public int Batch { get; init; } = 1000;

    /// <summary>The warm-up's least length; it goes on while the node's JIT is compiling, up to <see cref="WarmupMax"/>.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan WarmupMax { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Stop after this many ingest requests (null: only the duration bounds the run).</summary>
    public long? Requests { get; init; }

    public int Pollers { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Freshness probes: posts for the probe brand added to a drive batch, then the minute they are dated in polled (the brand's per-minute series).</summary>
    public bool Probe { get; init; }

    public string? ProbeBrand { get; init; }

    public int ProbePosts { get; init; } = 3;

    public TimeSpan ProbeEvery { get; init; } = TimeSpan.FromMilliseconds(200);

    public string? JsonPath { get; init; }

    /// <summary>Refuses what the run could not do as asked, naming the option.</summary>
    public void Check()
    {
        if (Duration > TimeSpan.FromMinutes(30))
        {
            throw new ArgumentException("--duration is capped at 30 minutes");
        }

        // Such a schedule sends one batch and then waits past the deadline; in seconds, too, since
        // a wait that long overflows what a timer takes.
        if (Rate is { } rate && Batch / rate > Duration.TotalSeconds)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--rate {rate}: a batch of {Batch} posts every {Batch / rate:0.###} s, longer than --duration {Duration.TotalSeconds} s, and the measured window would hold one batch at most; give a higher --rate or a smaller --batch"));
        }
    }
}
