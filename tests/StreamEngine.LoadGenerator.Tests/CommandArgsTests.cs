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
}
