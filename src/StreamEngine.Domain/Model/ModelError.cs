namespace StreamEngine.Domain.Model;

/// <summary>One problem in a model file, located by 1-based line and column.</summary>
public sealed record ModelError(string Source, int Line, int Column, string Message)
{
    public override string ToString() => $"{Source}:{Line}:{Column}: {Message}";
}

/// <summary>A model that cannot be used; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class ModelException(IReadOnlyList<ModelError> errors)
    : Exception("the model is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ModelError> Errors { get; } = errors;
}
