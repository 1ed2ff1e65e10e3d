using System.Globalization;
using StreamEngine.Domain.Model;
using StreamEngine.Domain.Posts;

namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>The command-line options every tool shares for the model and the firehose's shape.</summary>
public static class FirehoseCli
{
    public const string OptionsHelp = """
          model:    --model FILE (model.yaml, read with the engine's ModelLoader)
                    | --brands N [--concept-terms T | --concepts-per-brand C] [--terms-per-concept 10]  (synthetic model:
                      T concept terms in all, or C concept terms per brand (not concepts: the name is kept
                      for the commands written with it), 10 terms to a concept by default; seed 7)
          firehose: --seed 42 --now ISO8601 (default: the current time) --id-prefix p (generate's default:
                    p, the seed, t and the minute of --now, so that a file made later holds other posts)
                    --brand-pick zipf|uniform|roundrobin|sweep --zipf 1.0 --probe-brand ID
                    --competitor-share 0.08 --unmatched-share 0.10 --concept-share 0.6
                    --late-share 0.01 --duplicate-share 0.01 --lag-mean-s 20 --spread-hours 0
                    --extra-words 0; with --brand-pick sweep: --brands-per-post 1 --sweep-minutes 1440 --sweep-step-minutes 1
                    --authors 200000 --author-zipf 0.8 --followers-alpha 1.16 --followers-min 20
                    --networks x=30,facebook=14,... --languages en=55,es=10,... (xx = no lang field)
                    --countries US=30,GB=9,... --genders female=46,male=44,unknown=10 --ages 18-24=24,...
                    (values as the engine takes them: BCP 47 tags or xx, ISO 3166-1 alpha-2 codes, female, male
                    or unknown, age bands from 0 to 150; some authors are left without gender, age or country;
                    texts are written in en, es, pt, de, fr, it and ja, any other language gets English text under
                    its tag, and pt is tagged pt-BR in 60 % of posts; --spread-hours up to 87600, ten years: a file
                    written by generate goes through them in time order, oldest first, repeats and late posts
                    apart)
        """;

    public static (ListeningModel Model, string Description) Model(CommandArgs a)
    {
        ArgumentNullException.ThrowIfNull(a);
        OneOf(a, "model", "brands");
        if (a.String("model") is { } path)
        {
            if (new[] { "concept-terms", "concepts-per-brand", "terms-per-concept" }.FirstOrDefault(a.Has) is { } synthetic)
            {
                throw new ArgumentException($"--{synthetic} shapes a synthetic model (--brands N); the model of --model {path} has its own concepts");
            }

            return (ModelLoader.LoadFile(path), path);
        }

        if (!a.Has("brands"))
        {
            throw new ArgumentException("give --model FILE or --brands N");
        }

        var brands = a.Int("brands", 0, min: 1);
        var perConcept = a.Int("terms-per-concept", 10, min: 1);
        var terms = ConceptTerms(a, brands);
        return (ModelSynthesizer.Model(brands, terms, perConcept), $"synthetic: {brands} brands, {terms} concept terms");
    }

    /// <summary>A synthetic model's concept terms: <c>--concept-terms T</c> in all, or <c>--concepts-per-brand C</c> per brand (10 by default).</summary>
    public static int ConceptTerms(CommandArgs a, int brands)
    {
        ArgumentNullException.ThrowIfNull(a);
        OneOf(a, "concept-terms", "concepts-per-brand");
        return a.Has("concept-terms") ? a.Int("concept-terms", 0, min: 0) : brands * a.Int("concepts-per-brand", 10, min: 0);
    }

    /// <summary>Refuses two options that are alternatives to each other, given together.</summary>
    public static void OneOf(CommandArgs a, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Has(first) && a.Has(second))
        {
            throw new ArgumentException($"--{first} and --{second} are alternatives: give one of them");
        }
    }

    private static bool IsAgeBand(string band)
    {
        var dash = band.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && int.TryParse(band.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(band.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && low <= high && high <= PostParser.MaxAge;
    }

    /// <summary>
    /// A <c>name=weight,...</c> option whose names <paramref name="isValid"/> all takes (<paramref name="expected"/>
    /// says what it takes otherwise), checked here so a bad one is named before any post is made.
    /// </summary>
    private static string Weights(CommandArgs a, string option, string fallback, Func<string, bool> isValid, string expected)
    {
        var spec = a.String(option, fallback)!;
        WeightedNames names;
        try
        {
            names = WeightedNames.Parse(spec);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new ArgumentException($"--{option} {spec}: expected name=weight,... with finite weights of 0 or more, not all 0", ex);
        }

        if (names.Names.FirstOrDefault(n => !isValid(n)) is { } bad)
        {
            throw new ArgumentException($"--{option}: '{bad}' is not {expected}");
        }

        return spec;
    }

    /// <summary>
    /// The options of a file: without --id-prefix, ids carry the seed and the minute of --now, so a
    /// file generated later is other posts to a node, not 90 % duplicates of the first (ids are
    /// numbered from 0 in every file), while the same seed and --now still give the same bytes.
    /// </summary>
    public static FirehoseOptions ForFile(FirehoseOptions options, bool prefixGiven)
    {
        ArgumentNullException.ThrowIfNull(options);
        return prefixGiven ? options : options with
        {
            IdPrefix = string.Create(CultureInfo.InvariantCulture, $"p{options.Seed}t{options.Now.ToUnixTimeSeconds() / 60}"),
        };
    }

    public static FirehoseOptions Options(CommandArgs a, string? probeBrand = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = new FirehoseOptions();
        if (a.Choice("brand-pick", BrandPick.Zipf) != BrandPick.Sweep
            && new[] { "brands-per-post", "sweep-minutes", "sweep-step-minutes" }.FirstOrDefault(a.Has) is { } sweepOnly)
        {
            throw new ArgumentException($"--{sweepOnly} shapes --brand-pick sweep only; the other picks name one brand a post (and its rivals now and then)");
        }

        return new FirehoseOptions
        {
            Seed = a.Int("seed", d.Seed),
            Now = a.Time("now") ?? DateTimeOffset.UtcNow,
            IdPrefix = a.String("id-prefix", d.IdPrefix)!,
            BrandPick = a.Choice("brand-pick", BrandPick.Zipf),
            ZipfExponent = a.Positive("zipf", d.ZipfExponent),
            ProbeBrand = a.String("probe-brand", probeBrand),
            CompetitorShare = a.Share("competitor-share", d.CompetitorShare),
            UnmatchedShare = a.Share("unmatched-share", d.UnmatchedShare),
            ConceptShare = a.Share("concept-share", d.ConceptShare),
            LateShare = a.Share("late-share", d.LateShare),
            DuplicateShare = a.Share("duplicate-share", d.DuplicateShare),
            LagMeanSeconds = a.Double("lag-mean-s", d.LagMeanSeconds, min: 0),
            SpreadHours = a.Double("spread-hours", d.SpreadHours, min: 0, max: FirehoseOptions.MostSpreadHours),
            BrandsPerPost = a.Int("brands-per-post", d.BrandsPerPost, min: 1),
            SweepMinutes = a.Int("sweep-minutes", d.SweepMinutes, min: 1),
            SweepStepMinutes = a.Int("sweep-step-minutes", d.SweepStepMinutes, min: 1),
            ExtraWords = a.Int("extra-words", d.ExtraWords, min: 0),
            Authors = a.Int("authors", d.Authors, min: 1),
            AuthorZipfExponent = a.Positive("author-zipf", d.AuthorZipfExponent),
            FollowersAlpha = a.Positive("followers-alpha", d.FollowersAlpha),
            FollowersMin = a.Double("followers-min", d.FollowersMin, min: 0),
            Networks = Weights(a, "networks", d.Networks, n => NetworkNames.Accepted.Contains(n, StringComparer.Ordinal), $"one of {string.Join(", ", NetworkNames.Accepted)}"),
            Languages = Weights(a, "languages", d.Languages, l => l == "xx" || (LanguageCode.TryPrimary(l, out var code) && code is not null), "a BCP 47 tag of a language (en, pt-BR), or xx for no lang field"),
            Countries = Weights(a, "countries", d.Countries, c => CountryCode.TryParse(c, out var code) && code is not null, "an ISO 3166-1 alpha-2 country code such as US"),
            Genders = Weights(a, "genders", d.Genders, g => GenderNames.TryParse(g, out _), "female, male or unknown"),
            Ages = Weights(a, "ages", d.Ages, IsAgeBand, $"an age band such as 18-24 (from 0 to {PostParser.MaxAge}, the lower age first)"),
        };
    }
}
