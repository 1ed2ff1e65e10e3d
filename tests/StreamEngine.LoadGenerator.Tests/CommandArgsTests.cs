using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.LoadGenerator.Tests;

public sealed class CommandArgsTests
{
    [Fact]
    public void A_file_to_write_that_is_a_directory_is_refused_before_the_run_naming_the_option()
    {
        // Found only when the results were written, at the end of the run, which then crashed and lost them.
        var args = new CommandArgs(["--json", Path.GetTempPath()]);

        var error = Assert.Throws<ArgumentException>(() => args.OutputFile("json"));

        Assert.StartsWith("--json ", error.Message, StringComparison.Ordinal);
        Assert.Contains("a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_to_write_in_a_directory_that_exists_is_taken()
    {
        var path = Path.Combine(Path.GetTempPath(), "results.json");

        Assert.Equal(path, new CommandArgs(["--json", path]).OutputFile("json"));
    }

    [Fact]
    public void A_file_to_write_where_the_file_system_refuses_it_is_refused_before_the_run_naming_the_option()
    {
        // The directory exists, but no file can be made there: found only at the run's end, the
        // results were lost (and /sys crashed the tool).
        var tooLong = Path.Combine(Path.GetTempPath(), new string('x', 300) + ".json");

        foreach (var path in new[] { "/proc/streamengine-results.json", tooLong })
        {
            var error = Assert.Throws<ArgumentException>(() => new CommandArgs(["--json", path]).OutputFile("json"));

            Assert.StartsWith($"--json {path}: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Checking_a_file_to_write_leaves_no_new_file_and_keeps_an_old_one_whole()
    {
        var fresh = Path.Combine(Path.GetTempPath(), $"streamengine-{Guid.NewGuid():N}.json");
        var old = Path.Combine(Path.GetTempPath(), $"streamengine-{Guid.NewGuid():N}.json");
        File.WriteAllText(old, "earlier results");
        try
        {
            new CommandArgs(["--json", fresh]).OutputFile("json");
            new CommandArgs(["--out", old]).OutputFile("out");

            Assert.False(File.Exists(fresh));
            Assert.Equal("earlier results", File.ReadAllText(old));
        }
        finally
        {
            File.Delete(old);
        }
    }

    [Fact]
    public void An_option_given_twice_takes_its_last_value_so_a_script_can_override_what_its_runs_share() =>
        Assert.Equal(45, new CommandArgs(["--duration", "10", "--warmup", "12", "--duration", "45"]).Double("duration", 20));

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("not-a-url")]
    [InlineData("ftp://127.0.0.1/")]
    public void A_node_address_that_is_not_http_is_refused_naming_the_option(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new CommandArgs(["--url", url]).Url("url"));

        Assert.StartsWith($"--url is '{url}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_below_an_open_range_says_how_low_it_may_go()
    {
        var error = Assert.Throws<ArgumentException>(() => new CommandArgs(["--warmup", "-2"]).Double("warmup", 3, min: 0));

        Assert.Equal("--warmup is -2: expected 0 or more", error.Message);
    }

    [Theory]
    [InlineData("--brands", "10", "--model and --brands are alternatives: give one of them")]
    [InlineData("--concepts-per-brand", "3", "--concepts-per-brand shapes a synthetic model (--brands N); the model of --model model.yaml has its own concepts")]
    public void A_model_file_given_with_what_shapes_a_synthetic_model_is_refused_naming_both(string option, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => FirehoseCli.Model(new CommandArgs(["--model", "model.yaml", option, value])));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("sweep,uniform")]
    public void A_choice_is_taken_by_name_alone(string given)
    {
        // "1" silently meant uniform, "3" and "sweep,uniform" sweep.
        var error = Assert.Throws<ArgumentException>(() => new CommandArgs(["--brand-pick", given]).Choice("brand-pick", BrandPick.Zipf));

        Assert.StartsWith($"--brand-pick is '{given}': expected one of", error.Message, StringComparison.Ordinal);
        Assert.Equal(BrandPick.Sweep, new CommandArgs(["--brand-pick", "SWEEP"]).Choice("brand-pick", BrandPick.Zipf));
    }

    [Theory]
    [InlineData("x=Infinity,facebook=1,reddit=1")]
    [InlineData("x=1e400,facebook=1")]
    [InlineData("x=1e308,facebook=1e308")]
    public void A_weight_that_is_not_a_finite_number_is_refused_naming_the_option(string networks)
    {
        // Infinity made every post reddit's and none x's.
        var error = Assert.Throws<ArgumentException>(() => FirehoseCli.Options(new CommandArgs(["--networks", networks])));

        Assert.StartsWith($"--networks {networks}: expected name=weight", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("1e8")]
    public void A_spread_beyond_ten_years_is_refused_naming_the_option(string hours)
    {
        // 1e308 crashed with an OverflowException, 1e8 named no option.
        var error = Assert.Throws<ArgumentException>(() => FirehoseCli.Options(new CommandArgs(["--spread-hours", hours])));

        Assert.StartsWith("--spread-hours is ", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a number from 0 to 87600", error.Message, StringComparison.Ordinal);
    }
}
