namespace StreamEngine.Host.Demo;

/// <summary>
/// How many posts each tick of the demo firehose sends, so that every second's ticks come to the rate
/// asked, whatever it is: at 1 post/s and 10 ticks a second, one tick in ten sends one post, and 25
/// posts/s are 2 or 3 a tick, not 2.
/// </summary>
internal sealed class DemoPace(int postsPerSecond, int ticksPerSecond)
{
    private long _ticks;
    private long _sent;

    public int Next()
    {
        _ticks++;
        var due = _ticks * postsPerSecond / ticksPerSecond;
        var now = (int)(due - _sent);
        _sent = due;
        return now;
    }
}
