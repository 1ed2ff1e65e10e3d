namespace StreamEngine.Domain.Matching.Compiled;

/// <summary>
/// One match of a positive literal that made query <see cref="Query"/> match: literal
/// <see cref="Literal"/> (an id of <see cref="CompiledMatcher"/>) over the words
/// [<see cref="FirstWord"/>, FirstWord + <see cref="WordCount"/>) of the post, spanning the original
/// text [<see cref="Start"/>, <see cref="End"/>) in UTF-16 units. An emoji literal covers no word:
/// its <see cref="WordCount"/> is 0 and its <see cref="FirstWord"/> is -1.
/// </summary>
public readonly record struct CompiledHit(int Query, int Literal, int FirstWord, int WordCount, int Start, int End);
