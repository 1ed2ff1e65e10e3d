using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>A model swapped in live is saved over the model file with its time, both or neither.</summary>
public sealed class ModelFileLocationTests : IDisposable
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();

    private string ModelPath => Path.Combine(_dir.Path, "model.yaml");

    [Fact]
    public async Task A_save_writes_the_model_and_its_time()
    {
        var location = await SavedOldAsync();
        await location.SaveAsync("new", Later, CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(ModelPath));
        Assert.Equal(Later, location.SwappedAt());
        Assert.Equal(["model.yaml", "model.yaml.swapped-at"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_time_that_cannot_be_written_leaves_the_model_on_file_as_it_was()
    {
        var location = await SavedOldAsync();
        Directory.CreateDirectory(ModelPath + ".swapped-at.new");

        await Assert.ThrowsAnyAsync<Exception>(() => location.SaveAsync("new", Later, CancellationToken.None));

        await AssertOldOnFileAsync(location);
        Assert.False(File.Exists(ModelPath + ".new"));
    }

    [Fact]
    public async Task A_model_written_onto_a_full_disk_leaves_nothing_behind()
    {
        var location = await SavedOldAsync();

        // Every write to /dev/full fails as on a full disk.
        File.CreateSymbolicLink(ModelPath + ".new", "/dev/full");
        await Assert.ThrowsAnyAsync<IOException>(() => location.SaveAsync(new string('m', 100_000), Later, CancellationToken.None));

        await AssertOldOnFileAsync(location);
        Assert.Equal(["model.yaml", "model.yaml.swapped-at"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_model_that_cannot_take_its_place_leaves_the_time_as_it_was()
    {
        var location = await SavedOldAsync();
        File.Delete(ModelPath);
        Directory.CreateDirectory(ModelPath);

        await Assert.ThrowsAnyAsync<Exception>(() => location.SaveAsync("new", Later, CancellationToken.None));

        Assert.Equal(Earlier, location.SwappedAt());
        Assert.False(File.Exists(ModelPath + ".new"));
    }

    /// <summary>A location with a model "old" saved, swapped in at <see cref="Earlier"/>.</summary>
    private async Task<ModelFileLocation> SavedOldAsync()
    {
        var location = new ModelFileLocation(ModelPath);
        await location.SaveAsync("old", Earlier, CancellationToken.None);
        return location;
    }

    private async Task AssertOldOnFileAsync(ModelFileLocation location)
    {
        Assert.Equal("old", await File.ReadAllTextAsync(ModelPath));
        Assert.Equal(Earlier, location.SwappedAt());
    }

    public void Dispose() => _dir.Dispose();
}
