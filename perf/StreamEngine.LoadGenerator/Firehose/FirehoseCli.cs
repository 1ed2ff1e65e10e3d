using System.Globalization;
using StreamEngine.Domain.Model;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>The command-line options every tool shares for the model and the firehose's shape.</summary>
public static class FirehoseCli
{
    public const string OptionsHelp = """
          model:    --model FILE (model.yaml, read with the engine's ModelLoader)
                    | --brands N [--concept-terms T | --concepts-per-brand C] [--terms-per-concept 10]  (synthetic model)
          firehose: --seed 42 --now ISO8601 (default: the current time) --id-prefix p
                    --brand-pick zipf|uniform|roundrobin|sweep --zipf 1.0 --probe-brand ID
                    --competitor-share 0.08 --unmatched-share 0.10 --concept-share 0.6
                    --late-share 0.01 --duplicate-share 0.01 --lag-mean-s 20 --spread-hours 0
                    --brands-per-post 1 --sweep-minutes 1440 --extra-words 0
                    --authors 200000 --author-zipf 0.8 --followers-alpha 1.16 --followers-min 20
                    --networks x=30,facebook=14,... --languages en=55,es=10,... (xx = no lang field)
                    --countries US=30,GB=9,... --genders female=46,male=44,unknown=10 --ages 18-24=24,...
        """;

    public static (ListeningModel Model, string Description) Model(CommandArgs a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.String("model") is { } path)
        {
            return (ModelLoader.LoadFile(path), path);
        }

        var brands = a.Int("brands", 0);
        if (brands <= 0)
        {
            throw new ArgumentException("give --model FILE or --brands N");
        }

        var perConcept = a.Int("terms-per-concept", 10);
        var terms = a.Has("concept-terms") ? a.Int("concept-terms", 0) : brands * a.Int("concepts-per-brand", 10);
        return (ModelSynthesizer.Model(brands, terms, perConcept), $"synthetic: {brands} brands, {terms} concept terms");
    }

    public static FirehoseOptions Options(CommandArgs a, string? probeBrand = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = new FirehoseOptions();
        return new FirehoseOptions
        {
            Seed = a.Int("seed", d.Seed),
            Now = a.String("now") is { } now ? DateTimeOffset.Parse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : DateTimeOffset.UtcNow,
            IdPrefix = a.String("id-prefix", d.IdPrefix)!,
            BrandPick = Enum.Parse<BrandPick>(a.String("brand-pick", "zipf")!, ignoreCase: true),
            ZipfExponent = a.Double("zipf", d.ZipfExponent),
            ProbeBrand = a.String("probe-brand", probeBrand),
            CompetitorShare = a.Double("competitor-share", d.CompetitorShare),
            UnmatchedShare = a.Double("unmatched-share", d.UnmatchedShare),
            ConceptShare = a.Double("concept-share", d.ConceptShare),
            LateShare = a.Double("late-share", d.LateShare),
            DuplicateShare = a.Double("duplicate-share", d.DuplicateShare),
            LagMeanSeconds = a.Double("lag-mean-s", d.LagMeanSeconds),
            SpreadHours = a.Double("spread-hours", d.SpreadHours),
            BrandsPerPost = a.Int("brands-per-post", d.BrandsPerPost),
            SweepMinutes = a.Int("sweep-minutes", d.SweepMinutes),
            ExtraWords = a.Int("extra-words", d.ExtraWords),
            Authors = a.Int("authors", d.Authors),
            AuthorZipfExponent = a.Double("author-zipf", d.AuthorZipfExponent),
            FollowersAlpha = a.Double("followers-alpha", d.FollowersAlpha),
            FollowersMin = a.Double("followers-min", d.FollowersMin),
            Networks = a.String("networks", d.Networks)!,
            Languages = a.String("languages", d.Languages)!,
            Countries = a.String("countries", d.Countries)!,
            Genders = a.String("genders", d.Genders)!,
            Ages = a.String("ages", d.Ages)!,
        };
    }
}
