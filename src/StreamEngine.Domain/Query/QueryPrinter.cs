using System.Globalization;
using System.Text;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Query;

/// <summary>
/// Prints a query tree in the query language, with the fewest parentheses that keep its shape:
/// OR inside AND, AND or OR under NOT, and an OR operand of NEAR are parenthesised. The parser reads
/// the printed text back into an equal tree.
/// </summary>
internal static class QueryPrinter
{
    public static string Print(QueryNode node)
    {
        var sb = new StringBuilder();
        Print(node, sb);
        return sb.ToString();
    }

    private static void Print(QueryNode node, StringBuilder sb)
    {
        switch (node)
        {
            case OrNode or:
                Join(or.Operands, " OR ", sb, o => o is OrNode);
                break;
            case AndNode and:
                Join(and.Operands, " AND ", sb, o => o is OrNode or AndNode);
                break;
            case NotNode not:
                sb.Append("NOT ");
                Operand(not.Operand, sb, not.Operand is OrNode or AndNode);
                break;
            case NearNode near:
                Operand(near.Left, sb, near.Left is OrNode);
                sb.Append(near.Ordered ? " ONEAR/" : " NEAR/").Append(near.MaxGap.ToString(CultureInfo.InvariantCulture)).Append(' ');
                Operand(near.Right, sb, near.Right is OrNode);
                break;
            case TermNode term:
                sb.Append(term.Prefix.ToText()).Append(term.Word);
                break;
            case PhraseNode { Prefix: not WordPrefix.None } signed:
                sb.Append(signed.Prefix.ToText()).AppendJoin("", signed.Words);
                break;
            case PhraseNode phrase:
                sb.Append('"').AppendJoin(' ', phrase.Words).Append('"');
                break;
            case WildcardNode wildcard:
                sb.Append(wildcard.Prefix.ToText()).Append(wildcard.Pattern);
                break;
            case FuzzyNode fuzzy:
                sb.Append(fuzzy.Prefix.ToText()).Append(fuzzy.Word).Append('~').Append(fuzzy.MaxEdits.ToString(CultureInfo.InvariantCulture));
                break;
            case RawNode raw:
                sb.Append("raw:\"").AppendJoin(' ', raw.Words).Append('"');
                break;
            case EmojiNode emoji:
                sb.AppendJoin("", emoji.Symbols);
                break;
            case FieldNode field:
                sb.Append(field.Name).Append(':').Append(FieldValue(field));
                break;
            default:
                throw new ArgumentException($"unknown query node {node.GetType().Name}", nameof(node));
        }
    }

    private static string FieldValue(FieldNode field) => field switch
    {
        NetworkField n => n.Network.ToName(),
        LangField l => l.Language,
        CountryField c => c.Country,
        AuthorField a => a.Handle,
        FollowersField f => f.Operator + f.Count.ToString(CultureInfo.InvariantCulture),
        VerifiedField v => v.Verified ? "true" : "false",
        _ => throw new ArgumentException($"unknown field {field.GetType().Name}", nameof(field)),
    };

    private static void Join(IReadOnlyList<QueryNode> operands, string separator, StringBuilder sb, Func<QueryNode, bool> parenthesise)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(separator);
            }

            Operand(operands[i], sb, parenthesise(operands[i]));
        }
    }

    private static void Operand(QueryNode node, StringBuilder sb, bool parenthesise)
    {
        if (parenthesise)
        {
            sb.Append('(');
        }

        Print(node, sb);
        if (parenthesise)
        {
            sb.Append(')');
        }
    }
}
