namespace StreamEngine.Domain.Matching;

/// <summary>What must precede the first word of a term for it to match.</summary>
public enum TermPrefix : byte
{
    /// <summary>A plain word or phrase: matches whatever precedes it, so <c>acme</c> also matches <c>#acme</c>.</summary>
    None = 0,
    Handle,
    Hashtag,
}

/// <summary>One literal of a query: a word, a phrase of consecutive words, an @handle or a #hashtag, already folded.</summary>
public sealed record QueryTerm(TermPrefix Prefix, IReadOnlyList<string> Words)
{
    public override string ToString() => Prefix switch
    {
        TermPrefix.Handle => "@" + Words[0],
        TermPrefix.Hashtag => "#" + Words[0],
        _ => Words.Count == 1 ? Words[0] : $"\"{string.Join(' ', Words)}\"",
    };
}

/// <summary>A parsed query: any one of its terms makes a match.</summary>
public sealed record TermQuery(string Source, IReadOnlyList<QueryTerm> Terms);
