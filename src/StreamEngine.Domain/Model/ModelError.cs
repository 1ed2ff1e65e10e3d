namespace StreamEngine.Domain.Model;

/// <summary>One problem in a model file, located by 1-based line and column.</summary>
public sealed record ModelError(string Source, int Line, int Column, string Message)
{
    // A problem with the file as a whole (it does not exist) has no line: 0 is not shown.
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}: {Message}" : $"{Source}: {Message}";
}

/// <summary>A model that cannot be used; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class ModelException(IReadOnlyList<ModelError> errors)
    : Exception("the model is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ModelError> Errors { get; } = errors;
}
