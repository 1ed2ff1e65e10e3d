using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace StreamEngine.Domain.Influence;

/// <summary>
/// Builds panes in their sealed form straight from a snapshot's records, which name authors and
/// hashtags by their place in one table of the snapshot's names. A pane a restored brand would seal
/// at once then costs no <see cref="InfluencePane"/>, no rankings rebuilt and no names made into
/// strings and back: with a month of panes, opening and sealing them again was most of a snapshot's
/// restore (perf/README.md). The result is what sealing the opened pane writes, byte for byte.
/// Entries are given in the order of the pane's record: the three author rankings (by mentions, by
/// reach, by engagement), then the hashtags, each after its count. Not thread-safe.
/// </summary>
public sealed class SealedPaneBuilder
{
    private readonly byte[][] _names;

    // Per place in the table: the name's position in the pane being built, plus one (0: not named yet).
    private readonly int[] _positionOf;
    private readonly List<byte[]> _paneNames = [];
    private readonly List<int> _paneNamePlaces = [];
    private readonly List<ulong> _entries = [];

    /// <summary>A builder over the snapshot's names, as UTF-8 (bytes that are not are read as a string reads them).</summary>
    public SealedPaneBuilder(IReadOnlyList<byte[]> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new byte[names.Count][];
        for (var i = 0; i < _names.Length; i++)
        {
            // What decoding into a string and sealing would have written: invalid bytes become U+FFFD.
            _names[i] = Utf8.IsValid(names[i]) ? names[i] : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(names[i]));
        }

        _positionOf = new int[_names.Length];
    }

    /// <summary>The count of the author ranking or hashtag list whose entries follow.</summary>
    public void Count(int entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        Write((ulong)entries);
    }

    public void Author(int place, AuthorTally tally, long error)
    {
        Write((ulong)PositionOf(place));
        Write((ulong)tally.Mentions);
        Write((ulong)tally.Reach);
        Write((ulong)tally.Engagement);
        Write((ulong)tally.Positive);
        Write((ulong)tally.Negative);
        Write((ulong)error);
    }

    public void Hashtag(int place, long count, long error)
    {
        Write((ulong)PositionOf(place));
        Write((ulong)count);
        Write((ulong)error);
    }

    /// <summary>The pane of the entries given since the last build; the builder is then ready for the next.</summary>
    public SealedInfluencePane Build(long period)
    {
        var pane = SealedPane.Of(period, _paneNames, CollectionsMarshal.AsSpan(_entries));
        foreach (var place in _paneNamePlaces)
        {
            _positionOf[place] = 0;
        }

        _paneNames.Clear();
        _paneNamePlaces.Clear();
        _entries.Clear();
        return new SealedInfluencePane(pane);
    }

    private int PositionOf(int place)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(place);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(place, _names.Length);
        if (_positionOf[place] == 0)
        {
            _paneNames.Add(_names[place]);
            _paneNamePlaces.Add(place);
            _positionOf[place] = _paneNames.Count;
        }

        return _positionOf[place] - 1;
    }

    private void Write(ulong value) => _entries.Add(value);
}
