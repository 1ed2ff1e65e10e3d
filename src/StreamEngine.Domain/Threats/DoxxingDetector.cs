using StreamEngine.Domain.Influence;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Threats;

/// <summary>
/// Flags posts that put contact details next to the name of a brand's executive: a phone number,
/// an e-mail address, a street address or words like "lives at" within <see cref="Window"/> words
/// of the executive's full name. An e-mail address at one of the brand's own domains is a work
/// address, likely public, so it is low; everything else is high. Evidence names the kind of
/// detail, never the detail itself, so an alert does not spread what the post exposed. Posts that
/// name no executive are turned away after one look-up per word. Immutable and thread-safe.
/// </summary>
public sealed class DoxxingDetector
{
    /// <summary>Words allowed between the name and the detail, either way round.</summary>
    public const int Window = 10;

    private const int MaxDetails = 16;

    private readonly IReadOnlyList<BrandIdentity> _brands;
    private readonly NameIndex _executives;

    public DoxxingDetector(IReadOnlyList<BrandIdentity> brands)
    {
        ArgumentNullException.ThrowIfNull(brands);
        _brands = brands;
        _executives = new NameIndex(brands, brandNames: false, executives: true);
    }

    public IReadOnlyList<ThreatFinding> Detect(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        using var words = ThreatWords.Of(post.Text);
        return Detect(post, words);
    }

    /// <summary>The same, over words already cut from the post's text (shared with the other detectors).</summary>
    internal IReadOnlyList<ThreatFinding> Detect(Post post, scoped in ThreatWords words)
    {
        if (_executives.IsEmpty)
        {
            return [];
        }

        if (!NamesAnyone(words))
        {
            return [];
        }

        Span<ContactDetail> details = stackalloc ContactDetail[MaxDetails];
        var count = ContactDetails.Find(post.Text, words, details);
        if (count == 0)
        {
            return [];
        }

        List<ThreatFinding>? findings = null;
        for (var w = 0; w < words.Count; w++)
        {
            if (_executives.At(words, w) is not { } name)
            {
                continue;
            }

            var last = w + name.Words.Length - 1;
            foreach (var detail in details[..count])
            {
                var gap = detail.FirstWord > last ? detail.FirstWord - last - 1 : w - detail.LastWord - 1;
                if (gap <= Window && !(detail.FirstWord <= last && detail.LastWord >= w))
                {
                    Report(ref findings, post, name, detail, Math.Max(gap, 0));
                }
            }

            w = last;
        }

        return findings ?? (IReadOnlyList<ThreatFinding>)[];
    }

    private bool NamesAnyone(scoped in ThreatWords words)
    {
        for (var w = 0; w < words.Count; w++)
        {
            if (_executives.At(words, w) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private void Report(ref List<ThreatFinding>? findings, Post post, NamePhrase name, ContactDetail detail, int gap)
    {
        var brand = _brands[name.Owner];
        var severity = detail.Kind == ContactKind.Email && AtOwnDomain(post.Text.AsSpan(detail.Start, detail.End - detail.Start), brand)
            ? ThreatSeverity.Low
            : ThreatSeverity.High;
        var what = detail.Kind switch
        {
            ContactKind.Phone => "a phone number",
            ContactKind.Email => severity == ThreatSeverity.Low ? "a work e-mail address" : "an e-mail address",
            ContactKind.Address => "a street address",
            _ => "where they live",
        };
        var evidence = gap == 0
            ? $"{what} right beside executive {name.Text}"
            : $"{what} {gap} word{(gap == 1 ? "" : "s")} from executive {name.Text}";
        findings ??= [];
        var at = findings.FindIndex(f => f.BrandId == brand.BrandId);
        var finding = new ThreatFinding(ThreatKind.Doxxing, brand.BrandId, ThreatFinding.PostOf(post), AuthorKeys.Of(post), evidence, severity);
        if (at < 0)
        {
            findings.Add(finding);
        }
        else if (findings[at].Severity < severity)
        {
            findings[at] = finding;
        }
    }

    private static bool AtOwnDomain(ReadOnlySpan<char> email, BrandIdentity brand)
    {
        var domain = email[(email.IndexOf('@') + 1)..];
        foreach (var own in brand.Domains)
        {
            if (domain.Equals(own, StringComparison.OrdinalIgnoreCase)
                || (domain.EndsWith(own, StringComparison.OrdinalIgnoreCase) && domain[^(own.Length + 1)] == '.'))
            {
                return true;
            }
        }

        return false;
    }
}
