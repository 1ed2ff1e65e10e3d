using System.Buffers;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Reads the buckets of a ring whose period lies in a range, open and sealed chunks alike, without
/// building a <see cref="MentionBucket"/> for a sealed one: a 24 h summary reads 1,440 minutes.
/// The order is the ring's, starting at the first period's slot (so, not period order once a range
/// wraps past the ring's end); callers index by period. The parts asked for are what a sealed bucket
/// decodes; an open one gives them all. Use it with <c>foreach</c>, which gives its pooled buffers back.
/// </summary>
internal ref struct BucketReader
{
    private readonly BucketRing _ring;
    private readonly long _from;
    private readonly long _to;
    private readonly BucketParts _parts;
    private int _slot;
    private int _left;

    private int _sealedChunk;
    private SealedChunk.Reader _sealed;
    private ulong[] _segments;
    private uint[] _authors;
    private byte[] _stored;

    internal BucketReader(BucketRing ring, long from, long to, BucketParts parts)
    {
        _ring = ring;
        _parts = parts;
        _from = from;
        _to = to;
        // A range as wide as the ring reads every slot once; a narrower one the slots from the first
        // period on. Computed unsigned, so that the widest ranges cannot overflow.
        var span = unchecked((ulong)(to - from));
        var whole = to >= from && span >= (ulong)ring.Capacity - 1;
        _left = to < from ? 0 : whole ? ring.Capacity : (int)span + 1;
        _slot = whole || to < from ? 0 : ring.SlotOf(from);
        _sealedChunk = -1;
        _segments = [];
        _authors = [];
        _stored = [];
    }

    public BucketView Current { get; private set; }

    public readonly BucketReader GetEnumerator() => this;

    public bool MoveNext()
    {
        var chunkSize = _ring.ChunkSize;
        while (_left > 0)
        {
            var slot = _slot;
            var chunk = slot >> _ring.ChunkShift;
            var inChunk = slot & (chunkSize - 1);
            Step();
            switch (_ring.Chunk(chunk))
            {
                case MentionBucket?[] open:
                    if (open[inChunk] is { } bucket && InRange(bucket.Period))
                    {
                        Current = BucketView.Of(bucket);
                        return true;
                    }

                    break;
                case byte[] or HistoryBlock:
                    if (_sealedChunk == chunk && _sealed.NextSlot > inChunk && !_sealed.Holds(inChunk))
                    {
                        // An empty slot of the chunk being read: no need to read it again to learn so.
                        break;
                    }

                    if (_sealedChunk != chunk || _sealed.NextSlot > inChunk)
                    {
                        // A chunk in the history store is read into one pooled buffer, which the
                        // views of its buckets point into until the reader moves to another chunk.
                        _sealed = new SealedChunk.Reader(BucketRing.Bytes(_ring.Chunk(chunk)!, ref _stored));
                        _sealedChunk = chunk;
                    }

                    if (!_sealed.Holds(inChunk))
                    {
                        break;
                    }

                    while (_sealed.NextSlot < inChunk)
                    {
                        _sealed.Read(BucketParts.Totals, ref _segments, ref _authors);
                    }

                    var view = _sealed.Read(_parts, ref _segments, ref _authors);
                    if (InRange(view.Period))
                    {
                        Current = view;
                        return true;
                    }

                    break;
                default:
                    // No bucket ever landed in this chunk: skip to its end.
                    var skip = Math.Min(Math.Min(chunkSize - inChunk - 1, _ring.Capacity - 1 - slot), _left);
                    for (var i = 0; i < skip; i++)
                    {
                        Step();
                    }

                    break;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (_segments.Length > 0)
        {
            ArrayPool<ulong>.Shared.Return(_segments);
            _segments = [];
        }

        if (_authors.Length > 0)
        {
            ArrayPool<uint>.Shared.Return(_authors);
            _authors = [];
        }

        if (_stored.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_stored);
            _stored = [];
        }
    }

    private readonly bool InRange(long period) => period >= _from && period <= _to;

    private void Step()
    {
        _left--;
        _slot = _slot + 1 == _ring.Capacity ? 0 : _slot + 1;
    }
}
