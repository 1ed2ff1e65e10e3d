using StreamEngine.LoadGenerator.Drive;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A warm-up ends once the JIT has gone quiet; the node's JIT counts come from its /metrics.</summary>
public sealed class WarmUpTests
{
    private static JitSettling Fed(params (double Seconds, long Methods)[] samples)
    {
        var settling = new JitSettling();
        foreach (var (seconds, methods) in samples)
        {
            settling.Add(seconds, methods);
        }

        return settling;
    }

    [Fact]
    public void A_warm_up_lasts_its_least_then_until_settled_and_its_most_at_the_latest()
    {
        var quiet = Fed((0, 1_000), (6, 1_000));
        var busy = Fed((0, 1_000), (6, 5_000));

        Assert.False(quiet.WarmUpOver(6, least: 12, most: 120));
        Assert.True(quiet.WarmUpOver(12, least: 12, most: 120));
        Assert.False(busy.WarmUpOver(119, least: 12, most: 120));
        Assert.True(busy.WarmUpOver(120, least: 12, most: 120));
    }

    [Fact]
    public void A_quiet_spell_shorter_than_the_window_is_not_settled()
    {
        // Nothing compiled for 4 s, but the window needs 5.
        var settling = Fed((0, 1_000), (1, 1_000), (2, 1_000), (4, 1_000));

        Assert.False(settling.Settled);
    }

    [Fact]
    public void A_whole_quiet_window_is_settled()
    {
        var settling = Fed((0, 1_000), (2, 1_010), (4, 1_020), (5, 1_040));

        Assert.True(settling.Settled);
        Assert.Equal(40, settling.MethodsCompiled);
    }

    [Fact]
    public void A_burst_of_compiling_inside_the_window_keeps_the_warm_up_going()
    {
        var settling = Fed((0, 1_000), (2, 1_000), (4, 1_000), (5, 1_000));
        Assert.True(settling.Settled);

        // The tier-up comes in bursts: one after a lull opens the window again.
        settling.Add(6, 1_400);
        Assert.False(settling.Settled);

        settling.Add(10, 1_420);
        Assert.False(settling.Settled);

        settling.Add(11, 1_430);
        Assert.True(settling.Settled);
        Assert.Equal(430, settling.MethodsCompiled);
    }

    [Fact]
    public void Readings_shorter_than_the_window_are_compiling_only_when_many_methods_were_compiled()
    {
        // Five methods in a 2 s warm-up were reported as "still compiling".
        var few = Fed((0, 1_000), (2, 1_005));
        var many = Fed((0, 1_000), (2, 1_300));

        Assert.False(few.Settled);
        Assert.False(few.Compiling);
        Assert.False(many.Settled);
        Assert.True(many.Compiling);
    }

    [Fact]
    public void A_warm_up_that_waits_for_the_jit_lasts_a_whole_quiet_window_even_with_no_least()
    {
        // --warmup 0 warmed up for about 6 s: a node can be called settled only after 5 s of readings.
        var quiet = Fed((0.3, 1_000), (2.3, 1_000), (5.2, 1_000));

        Assert.False(quiet.WarmUpOver(5.2, least: 0, most: 120));
        quiet.Add(5.3, 1_000);
        Assert.True(quiet.WarmUpOver(5.3, least: 0, most: 120));
        Assert.True(Fed((0.3, 1_000)).WarmUpOver(0.3, least: 0, most: 0));
    }

    [Fact]
    public void Samples_out_of_time_order_are_refused()
    {
        var settling = Fed((3, 10));

        Assert.Throws<ArgumentOutOfRangeException>(() => settling.Add(2, 12));
    }

    [Fact]
    public void The_nodes_jit_counts_are_read_from_its_metrics()
    {
        const string scrape = """
            # HELP system_runtime_dotnet_jit_compiled_methods (...) The number of methods compiled
            # TYPE system_runtime_dotnet_jit_compiled_methods gauge
            system_runtime_dotnet_jit_compiled_methods_other 7
            system_runtime_dotnet_jit_compiled_methods 31259
            system_runtime_dotnet_jit_compilation_time 9.6278996
            streamengine_posts_accepted_total 12
            """;

        Assert.Equal(new HostJit(31_259, 9.6278996), HostJit.Parse(scrape));
    }

    [Fact]
    public void A_node_that_publishes_no_jit_counts_reads_as_none()
    {
        Assert.Null(HostJit.Parse("streamengine_posts_accepted_total 12\n"));
    }

    [Fact]
    public void The_help_says_a_warm_up_that_waits_for_the_jit_lasts_a_whole_quiet_window()
    {
        var help = string.Join(' ', Program.Usage.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("at most 50 methods over 5 s of readings of its /metrics (so 5 s or a little more even at --warmup 0)", help, StringComparison.Ordinal);
        Assert.Contains("with --warmup-max no more than --warmup", help, StringComparison.Ordinal);
    }
}
