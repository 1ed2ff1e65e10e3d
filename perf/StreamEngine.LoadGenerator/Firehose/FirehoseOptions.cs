namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>How brands are picked for the posts of the stream.</summary>
public enum BrandPick
{
    /// <summary>Brand popularity follows Zipf's law over the model's order (the first brand is the most mentioned).</summary>
    Zipf,

    Uniform,

    /// <summary>Brand i mod n for post i: every brand equally and deterministically (journal-length runs).</summary>
    RoundRobin,

    /// <summary>
    /// Groups of <see cref="FirehoseOptions.BrandsPerPost"/> brands per post, minute by minute back through
    /// <see cref="FirehoseOptions.SweepMinutes"/>: fills every brand's minute buckets (memory runs).
    /// </summary>
    Sweep,
}

/// <summary>Everything that shapes the synthetic firehose; the same options and seed give the same posts.</summary>
public sealed record FirehoseOptions
{
    public int Seed { get; init; } = 42;

    /// <summary>The instant event times are drawn back from; pin it (--now) for byte-identical output.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Letters and digits put before each post's number: ids are <c>{prefix}-{12 digits}</c>.</summary>
    public string IdPrefix { get; init; } = "p";

    public BrandPick BrandPick { get; init; } = BrandPick.Zipf;

    /// <summary>Zipf exponent s of brand popularity: rank r weighs 1/r^s.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>A brand kept out of the stream so that a freshness probe can count its own posts.</summary>
    public string? ProbeBrand { get; init; }

    /// <summary>Share of brand posts that also name one of the brand's competitors.</summary>
    public double CompetitorShare { get; init; } = 0.08;

    /// <summary>Share of posts that name no brand (they still cost parsing and matching).</summary>
    public double UnmatchedShare { get; init; } = 0.10;

    /// <summary>Share of posts that use one or more concept terms.</summary>
    public double ConceptShare { get; init; } = 0.6;

    /// <summary>Share of posts dated 30 to 60 days back: accepted as late, kept out of the aggregates.</summary>
    public double LateShare { get; init; } = 0.01;

    /// <summary>Share of lines that repeat an earlier post (same network and id), as a producer's retry would.</summary>
    public double DuplicateShare { get; init; } = 0.01;

    /// <summary>Mean delay between an event and now, exponentially distributed (capped at 24 h).</summary>
    public double LagMeanSeconds { get; init; } = 20;

    /// <summary>When above zero, event times are uniform over the last this many hours instead: in time order through a file written with <see cref="FirehoseGenerator.WriteTo"/>, in any order in a pool.</summary>
    public double SpreadHours { get; init; }

    /// <summary>The widest spread taken: ten years, well within the times a post can carry.</summary>
    public const double MostSpreadHours = 24 * 365 * 10;

    /// <summary>Brands named in each post in <see cref="BrandPick.Sweep"/> mode.</summary>
    public int BrandsPerPost { get; init; } = 1;

    /// <summary>Minutes swept back from now in <see cref="BrandPick.Sweep"/> mode.</summary>
    public int SweepMinutes { get; init; } = 24 * 60;

    /// <summary>Minutes between a group's posts in <see cref="BrandPick.Sweep"/> mode: 60 fills hours (a month of them in 720 posts).</summary>
    public int SweepStepMinutes { get; init; } = 1;

    /// <summary>Posts each group of brands gets in <see cref="BrandPick.Sweep"/> mode.</summary>
    public int SweepPositions => Math.Max(1, (SweepMinutes + SweepStepMinutes - 1) / SweepStepMinutes);

    /// <summary>Filler words appended to each text, to study post size.</summary>
    public int ExtraWords { get; init; }

    /// <summary>Distinct authors; who posts follows a Zipf law of exponent <see cref="AuthorZipfExponent"/>.</summary>
    public int Authors { get; init; } = 200_000;

    public double AuthorZipfExponent { get; init; } = 0.8;

    /// <summary>Pareto tail index of follower counts (1.16 gives the 80/20 rule).</summary>
    public double FollowersAlpha { get; init; } = 1.16;

    /// <summary>Pareto scale: the smallest follower count.</summary>
    public double FollowersMin { get; init; } = 20;

    public string Networks { get; init; } = "x=30,facebook=14,instagram=14,tiktok=12,reddit=8,youtube=6,news=4,blog=3,forum=3,review=4,other=2";

    public string Languages { get; init; } = "en=55,es=10,pt=8,de=7,fr=7,ja=6,it=4,xx=3";

    public string Countries { get; init; } = "US=30,GB=9,DE=7,FR=7,ES=6,BR=8,IN=8,JP=6,CA=4,AU=3,MX=4,IT=4,NL=2,SE=2";

    public string Genders { get; init; } = "female=46,male=44,unknown=10";

    public string Ages { get; init; } = "13-17=7,18-24=24,25-34=28,35-44=18,45-54=12,55-64=7,65-90=4";
}
