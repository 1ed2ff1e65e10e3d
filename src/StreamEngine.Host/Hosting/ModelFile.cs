using StreamEngine.Domain.Model;

namespace StreamEngine.Host.Hosting;

/// <summary>Finds and loads the model file: as given, else beside the binary, where the build copies the shipped one.</summary>
internal static class ModelFile
{
    public static (ListeningModel Model, string Path) Load(string path)
    {
        var resolved = File.Exists(path) || Path.IsPathRooted(path)
            ? path
            : Path.Combine(AppContext.BaseDirectory, path);
        return (ModelLoader.LoadFile(File.Exists(resolved) ? resolved : path), Path.GetFullPath(File.Exists(resolved) ? resolved : path));
    }
}
