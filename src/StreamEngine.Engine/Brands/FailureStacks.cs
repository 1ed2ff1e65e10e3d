using System.Collections.Concurrent;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// Which store failures a node logs with their stack trace: the first of each kind of exception in
/// a minute. While a store is down every brand woken fails alike, hundreds a minute; the one stack
/// says where, the other failures say which brand and why in a line each.
/// </summary>
internal sealed class FailureStacks(TimeSpan every)
{
    private readonly ConcurrentDictionary<Type, long> _lastLogged = new();

    /// <summary>The node's: one stack of each kind a minute.</summary>
    public static FailureStacks Node { get; } = new(TimeSpan.FromMinutes(1));

    /// <summary>Whether <paramref name="failure"/>'s stack is to be logged at <paramref name="nowMilliseconds"/> (a monotonic clock), and if so, notes that it is.</summary>
    public bool Log(Exception failure, long nowMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var type = failure.GetType();
        while (true)
        {
            if (!_lastLogged.TryGetValue(type, out var last))
            {
                if (_lastLogged.TryAdd(type, nowMilliseconds))
                {
                    return true;
                }

                continue;
            }

            if (nowMilliseconds - last < every.TotalMilliseconds)
            {
                return false;
            }

            if (_lastLogged.TryUpdate(type, nowMilliseconds, last))
            {
                return true;
            }
        }
    }
}
