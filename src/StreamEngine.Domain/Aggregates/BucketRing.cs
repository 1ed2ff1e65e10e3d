using System.Buffers;
using System.Numerics;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// Fixed slots indexed by period modulo capacity. A newer period takes over its slot; a period
/// older than the slot's current one is out of the ring's reach and is skipped, so replaying the
/// same deltas in the same order always rebuilds the same ring.
/// <para>
/// The slots come in chunks, each allocated when a bucket first lands in it: a day of minute slots
/// and a month of hour slots cost 17 KB per brand up front, which a quiet brand (most of a model's
/// brands, in a Zipf-shaped firehose) never fills. A chunk whose buckets are all older than what
/// the brand still expects to change is sealed (<see cref="Seal"/>) into one encoded array
/// (<see cref="SealedChunk"/>), a sixth of the memory; a late post for it opens it again. Given a
/// <see cref="HistoryStore"/>, sealed chunks are written there as they seal and only their places
/// are held; past retention they are forgotten (<see cref="Forget"/>).
/// </para>
/// </summary>
internal sealed class BucketRing
{
    private readonly int _chunkShift;

    // Each chunk is null (no bucket yet), a MentionBucket?[] while open, and once sealed a byte[]
    // or, with a history store, the HistoryBlock it was written to.
    private readonly object?[] _chunks;
    private readonly HistoryStore? _history;
    private readonly HistoryLifetime _lifetime;

    // The newest period of each sealed chunk, so that one past retention is forgotten unread.
    private readonly long[] _sealedNewest;

    // No open chunk can be sealed below this period (each would need every bucket before it): a
    // brand seals after every batch, and this keeps that to a comparison until a chunk may close.
    private long _sealableFrom = long.MaxValue;

    public BucketRing(int capacity, int chunkSize = 16, HistoryStore? history = null, HistoryLifetime lifetime = HistoryLifetime.Day)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (!BitOperations.IsPow2(chunkSize) || chunkSize > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "a chunk holds a power of two slots, at most 64");
        }

        Capacity = capacity;
        ChunkSize = chunkSize;
        _history = history;
        _lifetime = lifetime;
        _chunkShift = BitOperations.Log2((uint)chunkSize);
        _chunks = new object?[(capacity + chunkSize - 1) >> _chunkShift];
        _sealedNewest = new long[_chunks.Length];
    }

    public int Capacity { get; }

    public int ChunkSize { get; }

    /// <summary>How many chunks of slots hold, or have held, a bucket.</summary>
    internal int ChunksAllocated => _chunks.Count(c => c is not null);

    /// <summary>How many chunks are held sealed.</summary>
    internal int ChunksSealed => _chunks.Count(c => c is byte[] or HistoryBlock);

    /// <summary>How many sealed chunks lie in the history store.</summary>
    internal int ChunksStored => _chunks.Count(c => c is HistoryBlock);

    public void Add(long period, MinuteDelta delta, ReadOnlySpan<ulong> codedSegments)
    {
        if (SealedPeriodAt(SlotOf(period)) > period)
        {
            // A post older than what its slot holds now: nothing to open for it.
            return;
        }

        ref var bucket = ref SlotFor(period);
        if (bucket is null || bucket.Period < period)
        {
            bucket = new MentionBucket(period);
        }
        else if (bucket.Period > period)
        {
            return;
        }

        bucket.Add(delta, codedSegments);
    }

    /// <summary>The bucket of one period; one read from a sealed chunk is a copy.</summary>
    public MentionBucket? At(long period)
    {
        var slot = SlotOf(period);
        switch (_chunks[slot >> _chunkShift])
        {
            case MentionBucket?[] open:
                var bucket = open[slot & (ChunkSize - 1)];
                return bucket?.Period == period ? bucket : null;
            case byte[] or HistoryBlock:
                foreach (var view in Read(period, period))
                {
                    return MentionBucket.Of(view);
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The buckets whose period lies in [from, to], open or sealed alike, without copying them. Of a
    /// sealed bucket only its totals and <paramref name="parts"/> are decoded.
    /// </summary>
    public BucketReader Read(long from, long to, BucketParts parts = BucketParts.All) => new(this, from, to, parts);

    /// <summary>Every bucket in slot order; those of sealed chunks are copies.</summary>
    public IEnumerable<MentionBucket> All
    {
        get
        {
            foreach (var chunk in _chunks)
            {
                var buckets = chunk switch
                {
                    MentionBucket?[] open => open,
                    byte[] or HistoryBlock => Decode(chunk),
                    _ => [],
                };
                foreach (var bucket in buckets)
                {
                    if (bucket is not null)
                    {
                        yield return bucket;
                    }
                }
            }
        }
    }

    public void Restore(MentionBucket bucket)
    {
        ref var slot = ref SlotFor(bucket.Period);
        if (slot is null || slot.Period < bucket.Period)
        {
            slot = bucket;
        }
    }

    /// <summary>Seals every open chunk whose buckets all lie before <paramref name="period"/>.</summary>
    public void Seal(long period)
    {
        if (period < _sealableFrom)
        {
            return;
        }

        _sealableFrom = long.MaxValue;
        List<int>? sealedNow = null;
        for (var chunk = 0; chunk < _chunks.Length; chunk++)
        {
            if (_chunks[chunk] is not MentionBucket?[] open)
            {
                continue;
            }

            var newest = Newest(open);
            if (newest < period)
            {
                _chunks[chunk] = SealedChunk.Encode(open);
                _sealedNewest[chunk] = newest;
                (sealedNow ??= []).Add(chunk);
            }
            else
            {
                _sealableFrom = Math.Min(_sealableFrom, newest + 1);
            }
        }

        if (_history is not null && sealedNow is not null)
        {
            Store(sealedNow);
        }
    }

    /// <summary>
    /// Writes the chunks just sealed to the history store in one call; if it cannot take them they
    /// stay in memory (and are tried again when next sealed after a late post).
    /// </summary>
    private void Store(List<int> sealedNow)
    {
        var encoded = new byte[sealedNow.Count][];
        for (var i = 0; i < sealedNow.Count; i++)
        {
            encoded[i] = (byte[])_chunks[sealedNow[i]]!;
        }

        if (_history!.TryWrite(encoded, _lifetime) is { } blocks)
        {
            for (var i = 0; i < sealedNow.Count; i++)
            {
                _chunks[sealedNow[i]] = blocks[i];
            }
        }
    }

    private static long Newest(MentionBucket?[] open)
    {
        var newest = long.MinValue;
        foreach (var bucket in open)
        {
            newest = Math.Max(newest, bucket?.Period ?? long.MinValue);
        }

        return newest;
    }

    /// <summary>
    /// Forgets the sealed chunks whose buckets all lie before <paramref name="period"/>, giving those
    /// in the history store back: past retention, no window reads them, and a quiet brand's would
    /// otherwise stay until a post of a later lap took their slots.
    /// </summary>
    public void Forget(long period)
    {
        for (var chunk = 0; chunk < _chunks.Length; chunk++)
        {
            if (_chunks[chunk] is byte[] or HistoryBlock && _sealedNewest[chunk] < period)
            {
                if (_chunks[chunk] is HistoryBlock block)
                {
                    _history!.Release(block);
                }

                _chunks[chunk] = null;
            }
        }
    }

    /// <summary>Gives every chunk held in the history store back to it; the ring is empty after.</summary>
    public void Release()
    {
        for (var chunk = 0; chunk < _chunks.Length; chunk++)
        {
            if (_chunks[chunk] is HistoryBlock block)
            {
                _history!.Release(block);
            }

            _chunks[chunk] = null;
        }

        _sealableFrom = long.MaxValue;
    }

    internal object? Chunk(int index) => _chunks[index];

    internal int ChunkShift => _chunkShift;

    /// <summary>
    /// A sealed chunk's bytes: the array itself, or read from the history store into
    /// <paramref name="buffer"/> (swapped for a larger pooled array when too small; the caller gives it back).
    /// </summary>
    internal static ReadOnlySpan<byte> Bytes(object sealedChunk, scoped ref byte[] buffer)
    {
        if (sealedChunk is byte[] encoded)
        {
            return encoded;
        }

        var block = (HistoryBlock)sealedChunk;
        if (buffer.Length < block.Length)
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            buffer = ArrayPool<byte>.Shared.Rent(block.Length);
        }

        HistoryStore.Read(block, buffer);
        return buffer.AsSpan(0, block.Length);
    }


    private MentionBucket?[] Decode(object sealedChunk)
    {
        var buffer = Array.Empty<byte>();
        try
        {
            return Decode(Bytes(sealedChunk, ref buffer));
        }
        finally
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private MentionBucket?[] Decode(ReadOnlySpan<byte> encoded)
    {
        var open = new MentionBucket?[ChunkSize];
        var segments = Array.Empty<ulong>();
        var authors = Array.Empty<uint>();
        var reader = new SealedChunk.Reader(encoded);
        while (reader.NextSlot < ChunkSize)
        {
            var slot = reader.NextSlot;
            open[slot] = MentionBucket.Of(reader.Read(BucketParts.All, ref segments, ref authors));
        }

        if (segments.Length > 0)
        {
            ArrayPool<ulong>.Shared.Return(segments);
        }

        if (authors.Length > 0)
        {
            ArrayPool<uint>.Shared.Return(authors);
        }

        return open;
    }

    /// <summary>The period of the bucket a slot holds in a sealed chunk, read without decoding the chunk; the least period when there is none.</summary>
    private long SealedPeriodAt(int slot)
    {
        var sealedChunk = _chunks[slot >> _chunkShift];
        if (sealedChunk is not (byte[] or HistoryBlock))
        {
            return long.MinValue;
        }

        var buffer = Array.Empty<byte>();
        try
        {
            var inChunk = slot & (ChunkSize - 1);
            var reader = new SealedChunk.Reader(Bytes(sealedChunk, ref buffer));
            if (!reader.Holds(inChunk))
            {
                return long.MinValue;
            }

            // Totals alone never need the segments or authors buffers.
            var unused = Array.Empty<ulong>();
            var none = Array.Empty<uint>();
            while (reader.NextSlot < inChunk)
            {
                reader.Read(BucketParts.Totals, ref unused, ref none);
            }

            return reader.Read(BucketParts.Totals, ref unused, ref none).Period;
        }
        finally
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private ref MentionBucket? SlotFor(long period)
    {
        var slot = SlotOf(period);
        var index = slot >> _chunkShift;
        if (_chunks[index] is not MentionBucket?[] open)
        {
            var sealedChunk = _chunks[index];
            open = sealedChunk is null ? new MentionBucket?[ChunkSize] : Decode(sealedChunk);
            _chunks[index] = open;
            if (sealedChunk is HistoryBlock block)
            {
                _history!.Release(block);
            }
        }

        // The chunk will hold this period or a newer one, so it cannot seal below the next.
        _sealableFrom = Math.Min(_sealableFrom, period + 1);

        return ref open[slot & (ChunkSize - 1)];
    }

    internal int SlotOf(long period) => (int)(((period % Capacity) + Capacity) % Capacity);
}
