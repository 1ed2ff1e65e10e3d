namespace StreamEngine.Host.Tests;

/// <summary>One engine process on the sample model, shared by the tests of a class that do not disturb each other.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public EngineProcess Engine { get; private set; } = null!;

    public string ModelPath => Path.Combine(_dir.Path, "model.yaml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ModelPath, SampleFirehose.ModelYaml);
        Engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), ModelPath);
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        _dir.Dispose();
    }
}
