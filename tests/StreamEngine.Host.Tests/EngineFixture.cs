namespace StreamEngine.Host.Tests;

/// <summary>One engine process on the sample model, shared by the tests of a class that do not disturb each other.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public EngineProcess Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        Engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model);
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        _dir.Dispose();
    }
}
