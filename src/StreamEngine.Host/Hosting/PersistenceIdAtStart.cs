using Akka.Persistence.Sql.Journal.Types;

namespace StreamEngine.Host.Hosting;

/// <summary>One persistence id's journal rows as read at start: the live ones, and the highest sequence number of all.</summary>
internal sealed class PersistenceIdAtStart(string persistenceId)
{
    private readonly List<JournalRow> _live = [];

    // Rows come in the order written, which is sequence order for an id the plugin wrote; a row
    // put in by other means may not be, and is sorted into place before the rows are handed over.
    private bool _inSequence = true;

    /// <summary>An id with no rows: what the whole journal says of an id it does not hold.</summary>
    public static readonly PersistenceIdAtStart None = new(string.Empty);

    public string PersistenceId { get; } = persistenceId;

    /// <summary>The highest sequence number, counting the row a deletion keeps to remember it.</summary>
    public long Highest { get; private set; }

    /// <summary>
    /// Whether the rows can be replayed here: every live row names its serializer. A row from before
    /// serializer ids were stored is typed by its manifest, which the store's own replay knows how to read.
    /// </summary>
    public bool Replayable { get; private set; } = true;

    /// <summary>Adds one of the id's rows.</summary>
    public void Add(JournalRow row)
    {
        _inSequence &= row.SequenceNumber > Highest;
        Highest = Math.Max(Highest, row.SequenceNumber);
        if (row.Deleted)
        {
            return;
        }

        Replayable &= row.Identifier.HasValue;
        _live.Add(row);
    }

    /// <summary>The live rows in sequence order, as the store's replay gives them.</summary>
    public IReadOnlyList<JournalRow> LiveRows
    {
        get
        {
            if (!_inSequence)
            {
                _live.Sort(static (a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
                _inSequence = true;
            }

            return _live;
        }
    }
}
