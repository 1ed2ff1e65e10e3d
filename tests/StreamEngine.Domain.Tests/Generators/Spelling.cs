using System.Text;
using CsCheck;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>
/// Ways of writing a word that folding must see through (case, width, precomposed or combining
/// accents, a stray combining mark) and that a raw phrase must not.
/// </summary>
internal static class Spelling
{
    /// <summary>The ways, the first leaving the word as it is.</summary>
    public static readonly Func<string, string>[] Ways =
    [
        static word => word,
        static word => word.ToUpperInvariant(),
        static word => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..],
        FullWidth,
        static word => word.Normalize(NormalizationForm.FormD),
        static word => word.Normalize(NormalizationForm.FormC),
        Marked,
    ];

    /// <summary>A way of spelling, as it is more often than not.</summary>
    public static readonly Gen<Func<string, string>> Any =
        Gen.Frequency<Func<string, string>>((Ways.Length, Gen.Const(Ways[0])), (Ways.Length, Gen.OneOf(Ways)));

    /// <summary>ASCII letters, digits and signs as their full-width forms (U+FF01–U+FF5E).</summary>
    public static string FullWidth(string word) =>
        string.Concat(word.Select(c => c is > ' ' and <= '~' ? (char)(c - '!' + '\uFF01') : c));

    /// <summary>A combining acute after the first unit: precomposed with it by NFC or not, depending on the letter.</summary>
    private static string Marked(string word) =>
        word.Length == 0 || char.IsSurrogate(word[0]) ? word : word[0] + "\u0301" + word[1..];
}
