using CsCheck;
using Xunit.Sdk;

namespace StreamEngine.Domain.Tests.Properties;

/// <summary>
/// Runs a CsCheck property over the same cases on every run. CsCheck's own <c>Sample(seed: …)</c>
/// pins only the first case and draws the rest from a clock-seeded generator, which would make the
/// suite test different cases on each run; here every case comes from one generator started at
/// <c>seed</c>, one after another. Only after a case has failed is CsCheck's <c>Sample</c> let loose,
/// starting from that case, to shrink it: the failure is then certain, and only its report varies.
/// </summary>
internal static class SeededSample
{
    /// <summary>How long a failure is shrunk for before it is reported.</summary>
    private const int ShrinkSeconds = 10;

    /// <summary>
    /// Calls <paramref name="assert"/> on the first <paramref name="iter"/> values that
    /// <paramref name="gen"/> makes from <paramref name="seed"/> (a CsCheck seed string). The first
    /// failure is shrunk and reported with <paramref name="print"/>, its own seed (to replay it alone
    /// with CsCheck's <c>Sample(seed: …)</c>) and the shrunk case's assertion message.
    /// </summary>
    public static void SampleSeeded<T>(this Gen<T> gen, Action<T> assert, string seed, int iter, Func<T, string> print)
    {
        var pcg = PCG.Parse(seed);
        for (var i = 0; i < iter; i++)
        {
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                assert(value);
            }
            catch (Exception failure)
            {
                throw Shrunk(gen, assert, print, $"case {i} of seed {seed}", pcg.ToString(state), value, failure);
            }
        }
    }

    /// <summary>The value <paramref name="gen"/> makes first from <paramref name="seed"/>: fixed data for a test that is not a property.</summary>
    public static T Example<T>(this Gen<T> gen, string seed) => gen.Generate(PCG.Parse(seed), null, out _);

    private static XunitException Shrunk<T>(
        Gen<T> gen, Action<T> assert, Func<T, string> print, string where, string caseSeed, T value, Exception failure)
    {
        try
        {
            gen.Sample(assert, seed: caseSeed, time: ShrinkSeconds, print: print);
        }
        catch (CsCheckException shrunk)
        {
            return new XunitException(
                $"{where} failed (seed \"{caseSeed}\" replays it); shrunk to:\n{shrunk.Message}\n{shrunk.InnerException?.Message}", failure);
        }

        // The failing case passed when run again: the property itself depends on more than its input.
        return new XunitException($"{where} failed (seed \"{caseSeed}\") but passed when run again:\n{print(value)}\n{failure.Message}", failure);
    }
}
