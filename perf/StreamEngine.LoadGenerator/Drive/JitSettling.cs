namespace StreamEngine.LoadGenerator.Drive;

/// <summary>
/// Decides when a warm-up is over: once the runtime has stopped compiling. Under full load on two
/// cores the JIT's tier-up of a node's hot code takes tens of seconds, and a window measured while
/// it runs reads the compiler's CPU as the engine's. Fed the process's count of compiled methods,
/// sampled as the warm-up goes; settled when no more than <see cref="QuietMethods"/> were compiled
/// over the last <see cref="QuietSeconds"/>.
/// </summary>
public sealed class JitSettling
{
    public const double QuietSeconds = 5;

    public const long QuietMethods = 50;

    /// <summary>More methods than this compiled in a measured window, and its figures include a tier-up.</summary>
    public const long ManyMethods = 500;

    private readonly List<(double Seconds, long Methods)> _samples = [];

    /// <summary>Methods compiled between the first sample and the latest.</summary>
    public long MethodsCompiled => _samples.Count == 0 ? 0 : _samples[^1].Methods - _firstMethods;

    public bool Settled { get; private set; }

    /// <summary>
    /// More than <see cref="QuietMethods"/> compiled over the readings of the last <see cref="QuietSeconds"/>.
    /// Neither this nor <see cref="Settled"/> while the readings span less and few were compiled: too soon to tell.
    /// </summary>
    public bool Compiling { get; private set; }

    /// <summary>Whether a warm-up <paramref name="elapsed"/> seconds old is over: <paramref name="least"/> at least, then until settled, <paramref name="most"/> at most.</summary>
    public bool WarmUpOver(double elapsed, double least, double most) => elapsed >= least && (Settled || elapsed >= most);

    private long _firstMethods;

    /// <summary>Adds a sample: seconds since the warm-up began and the process's compiled-method count then.</summary>
    public void Add(double seconds, long compiledMethods)
    {
        if (_samples.Count == 0)
        {
            _firstMethods = compiledMethods;
        }
        else if (seconds < _samples[^1].Seconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "samples must come in time order");
        }

        _samples.Add((seconds, compiledMethods));

        // Keep the newest sample that still reaches back a whole quiet window, and none older.
        while (_samples.Count > 1 && seconds - _samples[1].Seconds >= QuietSeconds)
        {
            _samples.RemoveAt(0);
        }

        var oldest = _samples[0];
        Compiling = compiledMethods - oldest.Methods > QuietMethods;
        Settled = seconds - oldest.Seconds >= QuietSeconds && !Compiling;
    }
}
