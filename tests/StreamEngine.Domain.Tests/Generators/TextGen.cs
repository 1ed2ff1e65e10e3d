using CsCheck;
using TextPart = System.Func<System.Collections.Generic.IReadOnlyList<StreamEngine.Domain.Query.LiteralNode>, string>;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// Texts of up to 30 pieces, each with what comes before and after it: vocabulary words spelled in
/// every way folding must see through, emoji sequences, word-boundary traps and, for one piece in
/// four, one of the model's literals written out, so that queries built of them match often enough.
/// A failing text shrinks towards fewer, plainer pieces.
/// </summary>
internal static class TextGen
{
    private static readonly Gen<string> Spelled = Gen.Select(Gen.OneOf(TextPieces.Words), Spelling.Any, (word, spell) => spell(word));

    private static readonly Gen<string> Plain = Gen.Frequency<string>(
        (6, Spelled),
        (2, Gen.OneOf(TextPieces.Emoji)),
        (2, Gen.OneOf(TextPieces.Boundaries)));

    // The literal is picked by index modulo their number, so that it shrinks towards the model's first.
    private static readonly Gen<TextPart> WrittenLiteral = Gen.Select(
        Gen.Int[0, 4095],
        Draws.Values,
        (index, draws) => (TextPart)(literals => literals.Count == 0 ? "" : WrittenOut.Literal(literals[index % literals.Count], new Draws(draws))));

    private static readonly Gen<TextPart> Piece = Gen.Frequency<TextPart>(
        (3, Plain.Select(plain => (TextPart)(_ => plain))),
        (1, WrittenLiteral));

    /// <summary>Texts to be written for a model's literals.</summary>
    public static readonly Gen<TextTemplate> Template =
        Gen.Select(
                Gen.OneOf(TextPieces.Before),
                Piece,
                Gen.OneOf(TextPieces.After),
                (before, piece, after) => (TextPart)(literals => before + piece(literals) + after))
            .Array[0, 30]
            .Select(parts => new TextTemplate(parts));
}
