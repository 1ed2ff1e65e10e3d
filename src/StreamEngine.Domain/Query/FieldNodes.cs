using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Query;

/// <summary>
/// A filter on what is known of the post besides its text (<see cref="PostFields"/>). Field filters
/// combine with AND, OR and NOT like terms, but a query must still require a term.
/// </summary>
public abstract record FieldNode : QueryNode
{
    /// <summary>The field names the language knows, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["network", "lang", "country", "author", "followers", "verified"];

    private protected FieldNode()
    {
    }

    /// <summary>The field's name as written before the colon.</summary>
    public abstract string Name { get; }
}

/// <summary><c>network:x</c>: the post's network is <see cref="Network"/> (never <see cref="Posts.Network.Unknown"/>).</summary>
public sealed record NetworkField : FieldNode
{
    public NetworkField(Network network)
    {
        if (network == Network.Unknown || !Enum.IsDefined(network))
        {
            throw new ArgumentOutOfRangeException(nameof(network), network, "a network filter names a known network");
        }

        Network = network;
    }

    public Network Network { get; }

    public override string Name => "network";
}

/// <summary><c>lang:en</c>: the post's primary language subtag (2 or 3 letters, held lower case). An unknown language never matches.</summary>
public sealed record LangField : FieldNode
{
    public LangField(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException("a language is 2 or 3 lower-case ASCII letters", nameof(language));
        }

        Language = language;
    }

    public string Language { get; }

    public override string Name => "lang";
}

/// <summary><c>country:US</c>: the author's ISO 3166-1 alpha-2 country, held upper case. An unknown country never matches.</summary>
public sealed record CountryField : FieldNode
{
    public CountryField(string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("a country is 2 upper-case ASCII letters", nameof(country));
        }

        Country = country;
    }

    public string Country { get; }

    public override string Name => "country";
}

/// <summary>
/// <c>author:acme</c>: the author's handle, without '@', compared case-insensitively; held lower
/// case. Handles are letters, digits, '_', '.' and '-'. An unknown handle never matches.
/// </summary>
public sealed record AuthorField : FieldNode
{
    public AuthorField(string handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!IsHandle(handle) || !string.Equals(handle, handle.ToLowerInvariant(), StringComparison.Ordinal))
        {
            throw new ArgumentException("a handle is lower-case letters, digits, '_', '.' or '-'", nameof(handle));
        }

        Handle = handle;
    }

    public string Handle { get; }

    public override string Name => "author";

    internal static bool IsHandle(string handle) =>
        handle.Length > 0 && handle.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-');
}

/// <summary>How <c>followers:</c> compares the author's follower count with the number.</summary>
public enum FollowersComparison : byte
{
    /// <summary><c>followers:&gt;N</c></summary>
    GreaterThan,

    /// <summary><c>followers:&gt;=N</c></summary>
    GreaterOrEqual,

    /// <summary><c>followers:&lt;N</c></summary>
    LessThan,

    /// <summary><c>followers:&lt;=N</c></summary>
    LessOrEqual,

    /// <summary><c>followers:=N</c></summary>
    Equal,
}

/// <summary>
/// <c>followers:&gt;1000</c> (also <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>=</c>): compares the author's
/// follower count, which reads 0 when the post does not give it.
/// </summary>
public sealed record FollowersField : FieldNode
{
    public FollowersField(FollowersComparison comparison, long count)
    {
        if (!Enum.IsDefined(comparison))
        {
            throw new ArgumentOutOfRangeException(nameof(comparison));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Comparison = comparison;
        Count = count;
    }

    public FollowersComparison Comparison { get; }

    public long Count { get; }

    public override string Name => "followers";

    /// <summary>The comparison as written: <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c> or <c>=</c>.</summary>
    public string Operator => Comparison switch
    {
        FollowersComparison.GreaterThan => ">",
        FollowersComparison.GreaterOrEqual => ">=",
        FollowersComparison.LessThan => "<",
        FollowersComparison.LessOrEqual => "<=",
        _ => "=",
    };
}

/// <summary><c>verified:true</c> or <c>verified:false</c>; a post that does not say reads as not verified.</summary>
public sealed record VerifiedField(bool Verified) : FieldNode
{
    public override string Name => "verified";
}
