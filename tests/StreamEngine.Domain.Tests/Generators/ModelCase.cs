using System.Text;
using CsCheck;
using StreamEngine.Domain.Query;
using StreamEngine.Domain.Tests.Properties;

namespace StreamEngine.Domain.Tests.Generators;

/// <summary>A post as the matcher sees it: its text and what is known about it.</summary>
internal sealed record GeneratedPost(string Text, PostFields Fields);

/// <summary>
/// A listening model and a few posts to match against it: what a matcher property is sampled over,
/// and what a failure shrinks to (fewer, simpler queries; fewer, shorter posts).
/// </summary>
internal sealed record ModelCase(ParsedQuery[] Queries, GeneratedPost[] Posts)
{
    /// <summary>1–30 queries, and 1–10 posts whose texts write out the queries' literals now and then.</summary>
    public static readonly Gen<ModelCase> Generator = Of(QueryGen.Model);

    /// <summary>As <see cref="Generator"/>, with models of <see cref="QueryGen.ScreenedModel"/>.</summary>
    public static readonly Gen<ModelCase> ScreenedGenerator = Of(QueryGen.ScreenedModel);

    private static Gen<ModelCase> Of(Gen<ParsedQuery[]> models) => Gen.Select(
        models,
        Gen.Select(TextGen.Template, FieldGen.Post).Array[1, 10],
        (queries, posts) =>
        {
            var literals = queries.SelectMany(q => q.Literals).Distinct().ToList();
            return new ModelCase(queries, [.. posts.Select(p => new GeneratedPost(p.Item1.Write(literals), p.Item2))]);
        });

    public override string ToString()
    {
        var shown = new StringBuilder("model:\n");
        for (var q = 0; q < Queries.Length; q++)
        {
            shown.Append("  query ").Append(q).Append(": ").Append(Queries[q]).Append('\n');
        }

        for (var p = 0; p < Posts.Length; p++)
        {
            shown.Append("  post ").Append(p).Append(": ").Append(Show.Text(Posts[p].Text)).Append(" with ").Append(Posts[p].Fields).Append('\n');
        }

        return shown.ToString();
    }
}
