using StreamEngine.Benchmarks;
using System.Text;

namespace StreamEngine.MatcherBenchmarks.Workload;

/// <summary>
/// Made-up brand and product names (zorvex, plimatra3, stiaklo): two to four syllables of lower-case
/// ASCII letters, one in eight with a model number, so they look like the bulk of a listening
/// vocabulary and, like it, almost never occur in a given post.
/// </summary>
internal static class SyntheticWords
{
    private static readonly string[] Onsets = ["b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "k", "kr", "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "st", "t", "tr", "v", "x", "z"];

    private static readonly string[] Nuclei = ["a", "e", "i", "o", "u", "ia", "eo", "y"];

    private static readonly string[] Codas = ["", "", "", "n", "x", "r", "s", "l", "m", "k"];

    /// <summary>The next name not in <paramref name="taken"/>, which it joins.</summary>
    public static string Next(ref SplitMix64 random, HashSet<string> taken)
    {
        var word = new StringBuilder();
        while (true)
        {
            word.Clear();
            for (var syllables = 2 + random.Next(3); syllables > 0; syllables--)
            {
                word.Append(Onsets[random.Next(Onsets.Length)])
                    .Append(Nuclei[random.Next(Nuclei.Length)])
                    .Append(Codas[random.Next(Codas.Length)]);
            }

            if (random.Next(8) == 0)
            {
                word.Append(1 + random.Next(999));
            }

            if (taken.Add(word.ToString()))
            {
                return word.ToString();
            }
        }
    }
}
