using System.Globalization;
using StreamEngine.Domain.Sentiment;
using StreamEngine.Domain.Text;
using Xunit.Abstractions;

namespace StreamEngine.Domain.Tests.Sentiment;

/// <summary>
/// The scorer against the four human-rated sets VADER's authors published with the paper, each text
/// rated by 20 people on -4..+4 (Data/*_GroundTruth.txt: id TAB mean rating TAB text, CRLF line ends).
/// </summary>
public sealed class GroundTruthEvaluationTests(ITestOutputHelper output)
{
    // Share of tweets whose label (compound cut at ±0.05) matches the raters' (mean / 4 cut at ±0.05).
    private const double MinimumAgreement = 0.88;

    /// <summary>
    /// Each set with its size and the Pearson r the scorer must reach on it. On the tweets that is
    /// the reference implementation's published 0.872: the paper's rules reach 0.8715 there, and
    /// reading stretched words ("goooood") brings it to 0.8729. On the other three the scorer gives
    /// 0.5896, 0.4272 and 0.5028, against the reference's own 0.5896, 0.4276 and 0.5029
    /// (vaderSentiment, run on the same files; the differences are the reference's slips listed in
    /// docs/sentiment.md); the floors are the scorer's figures cut to three decimals.
    /// </summary>
    public static TheoryData<string, int, double> RatedSets => new()
    {
        { "tweets", 4_200, 0.872 },
        { "amazonReviewSnippets", 3_708, 0.5890 },
        { "movieReviewSnippets", 10_605, 0.4270 },
        { "nytEditorialSnippets", 5_190, 0.5020 },
    };

    [Theory]
    [MemberData(nameof(RatedSets))]
    public void Compound_correlates_with_the_human_ratings(string set, int size, double minimumPearson)
    {
        var (compounds, ratings) = ScoreAll(set);

        var r = Pearson(compounds, ratings);

        output.WriteLine($"Pearson r over {compounds.Length} texts of {set}: {r:F4}");
        Assert.Equal(size, compounds.Length);
        Assert.True(r >= minimumPearson, $"Pearson r {r:F4} on {set} is below {minimumPearson}");
    }

    [Fact]
    public void Labels_agree_with_the_human_ratings()
    {
        var (compounds, ratings) = ScoreAll("tweets");
        var predicted = compounds.Select(c => new SentimentScore(c, 0, 0, 0).Label).ToArray();
        var actual = ratings.Select(r => new SentimentScore(r / 4, 0, 0, 0).Label).ToArray();

        var agreement = predicted.Zip(actual).Count(p => p.First == p.Second) / (double)predicted.Length;
        var macroF1 = Enum.GetValues<SentimentLabel>().Average(label => F1(label, predicted, actual));

        output.WriteLine($"3-class agreement: {agreement:F4}, macro F1: {macroF1:F4}");
        foreach (var label in Enum.GetValues<SentimentLabel>())
        {
            output.WriteLine($"  {label}: {actual.Count(a => a == label)} rated, {predicted.Count(p => p == label)} predicted, F1 {F1(label, predicted, actual):F4}");
        }

        Assert.True(agreement >= MinimumAgreement, $"3-class agreement {agreement:F4} is below {MinimumAgreement}");
    }

    private static (double[] Compounds, double[] Ratings) ScoreAll(string set)
    {
        var scorer = SentimentScorer.Load();
        var scratch = new TokenizedText();
        var compounds = new List<double>();
        var ratings = new List<double>();
        var file = Path.Combine(AppContext.BaseDirectory, "Sentiment", "Data", set + "_GroundTruth.txt");
        foreach (var line in File.ReadAllText(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t', 3);
            Assert.Equal(3, fields.Length);
            ratings.Add(double.Parse(fields[1], CultureInfo.InvariantCulture));
            compounds.Add(scorer.Score(fields[2], scratch).Compound);
        }

        return (compounds.ToArray(), ratings.ToArray());
    }

    private static double Pearson(double[] x, double[] y)
    {
        double meanX = x.Average(), meanY = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double F1(SentimentLabel label, SentimentLabel[] predicted, SentimentLabel[] actual)
    {
        var truePositives = predicted.Zip(actual).Count(p => p.First == label && p.Second == label);
        var precision = truePositives / (double)Math.Max(1, predicted.Count(p => p == label));
        var recall = truePositives / (double)Math.Max(1, actual.Count(a => a == label));
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
