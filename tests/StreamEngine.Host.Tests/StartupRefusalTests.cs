namespace StreamEngine.Host.Tests;

/// <summary>A node that could not serve is stopped before it joins its cluster, with the setting named and exit code 2.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task An_http_address_another_node_listens_on_is_named_with_exit_code_2()
    {
        var firstDir = Directory.CreateDirectory(Path.Combine(_dir.Path, "first")).FullName;
        await using var first = await CrisisFirehose.StartEngineAsync(firstDir);
        var taken = first.Http.BaseAddress!.ToString().TrimEnd('/');

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(
            Path.Combine(_dir.Path, "second"), Path.Combine(firstDir, "model.yaml"), ExitBound, "--urls", taken);

        Assert.True(exitCode == 2, $"exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}:\n{output}");
        Assert.Contains($"--urls (Urls) {taken}: port {first.Http.BaseAddress.Port} is in use on 127.0.0.1 by another process", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_directory_that_cannot_be_made_is_named_with_exit_code_2()
    {
        var file = Path.Combine(_dir.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "a file");
        var model = Path.Combine(AppContext.BaseDirectory, "config", "model.yaml");

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(
            Path.Combine(_dir.Path, "data"), model, ExitBound, "--history-dir", file);

        Assert.True(exitCode == 2, $"exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}:\n{output}");
        Assert.Contains($"the history directory {file} (--history-dir) cannot be used:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_file_that_is_not_there_is_named_as_its_option_with_exit_code_2()
    {
        var missing = Path.Combine(_dir.Path, "missing.yaml");

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(Path.Combine(_dir.Path, "data"), missing, ExitBound);

        Assert.True(exitCode == 2, $"exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}:\n{output}");
        Assert.Contains($"--model (StreamEngine:Model) {missing}: the model is invalid:", output, StringComparison.Ordinal);
        Assert.Contains($"{missing}: the model file does not exist", output, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
