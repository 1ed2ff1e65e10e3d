namespace StreamEngine.Engine.Tests;

/// <summary>A clock that never moves, so every window and every "late" or "too far ahead" verdict is fixed.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The instant every test reads as "now" unless it says otherwise.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public TestClock()
        : this(DefaultNow)
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
