using StreamEngine.Domain.Model;

namespace StreamEngine.Engine.Ingest;

/// <summary>The model in force, read by every stage; swapping it is one reference write, so a batch sees one model throughout.</summary>
public sealed class CurrentModel(ListeningModel initial)
{
    private volatile ListeningModel _model = initial;

    public ListeningModel Model => _model;

    public void Replace(ListeningModel model) => _model = model ?? throw new ArgumentNullException(nameof(model));
}
