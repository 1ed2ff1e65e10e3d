using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using StreamEngine.Domain.Sketches;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A chunk of a ring's buckets once no new post is expected in it, held as one array of bytes.
/// A quiet brand's minute as a <see cref="MentionBucket"/> costs ~330 bytes in five objects, most of
/// it headers, references and 8-byte counts holding small numbers; encoded it takes ~50.
/// <para>
/// Layout: a varint mask of the slots that hold a bucket, then each bucket in slot order: its period
/// (the first in full, the rest as a zigzag difference from the one before), a byte of
/// <see cref="Fields"/> saying which figures are not zero, the mentions and those figures as varints
/// (the compound sum as its 8 bytes), the breakdowns (their length in bytes, their number, then per
/// value its code's difference from the one before and its count), and the author sketch: its 4,096
/// registers, or the number of its sparse entries and the entries: up to 8 as they are, four bytes
/// each; beyond, a byte saying how they are kept, then the entries as they are or in
/// <see cref="AuthorEntryCode"/>.
/// </para>
/// </summary>
internal static class SealedChunk
{
    [Flags]
    private enum Fields : byte
    {
        None = 0,
        Reach = 1,
        Engagement = 2,
        CompetitorMentions = 4,
        Sentiment = 8,
        CompoundSum = 16,
        SentimentReach = 32,
        DenseAuthors = 64,
    }

    // Up to this many sparse author entries (a minute's few authors) are kept as they are: coded,
    // they would save a byte or two and cost every read a decoding.
    private const int RawAuthorsAtMost = 8;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>Encodes the buckets of one chunk's slots; a null slot holds nothing.</summary>
    public static byte[] Encode(ReadOnlySpan<MentionBucket?> slots)
    {
        var w = new VarintWriter(t_buffer ??= new byte[4096]);
        ulong mask = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            mask |= slots[i] is null ? 0 : 1UL << i;
        }

        w.Write(mask);
        var first = true;
        long previous = 0;
        foreach (var bucket in slots)
        {
            if (bucket is null)
            {
                continue;
            }

            w.Write(first ? Zigzag(bucket.Period) : Zigzag(bucket.Period - previous));
            first = false;
            previous = bucket.Period;
            Write(ref w, bucket);
        }

        t_buffer = w.Buffer;
        return w.Written.ToArray();
    }

    private static void Write(ref VarintWriter w, MentionBucket bucket)
    {
        var t = bucket.Totals;
        var authors = bucket.Authors;
        var fields = Fields.None;
        fields |= t.Reach != 0 ? Fields.Reach : 0;
        fields |= t.Engagement != 0 ? Fields.Engagement : 0;
        fields |= t.CompetitorMentions != 0 ? Fields.CompetitorMentions : 0;
        fields |= t.Sentiment.Positive != 0 || t.Sentiment.Neutral != 0 || t.Sentiment.Negative != 0 || t.Sentiment.Unscored != 0 ? Fields.Sentiment : 0;
        fields |= BitConverter.DoubleToInt64Bits(t.Sentiment.CompoundSum) != 0 ? Fields.CompoundSum : 0;
        fields |= t.SentimentReach != default ? Fields.SentimentReach : 0;
        fields |= authors.IsDense ? Fields.DenseAuthors : 0;
        w.Byte((byte)fields);
        w.Write((ulong)t.Mentions);
        if ((fields & Fields.Reach) != 0)
        {
            w.Write((ulong)t.Reach);
        }

        if ((fields & Fields.Engagement) != 0)
        {
            w.Write((ulong)t.Engagement);
        }

        if ((fields & Fields.CompetitorMentions) != 0)
        {
            w.Write((ulong)t.CompetitorMentions);
        }

        if ((fields & Fields.Sentiment) != 0)
        {
            w.Write((ulong)t.Sentiment.Positive);
            w.Write((ulong)t.Sentiment.Neutral);
            w.Write((ulong)t.Sentiment.Negative);
            w.Write((ulong)t.Sentiment.Unscored);
        }

        if ((fields & Fields.CompoundSum) != 0)
        {
            w.Double(t.Sentiment.CompoundSum);
        }

        if ((fields & Fields.SentimentReach) != 0)
        {
            w.Write((ulong)t.SentimentReach.Positive);
            w.Write((ulong)t.SentimentReach.Neutral);
            w.Write((ulong)t.SentimentReach.Negative);
        }

        // The breakdowns are preceded by their length in bytes, so that a reader wanting only the
        // authors steps over them without decoding; the authors' length follows from their number,
        // or once coded from the length written before them.
        var segments = bucket.CodedSegments;
        var size = VarintSize((ulong)segments.Length);
        var code = 0;
        foreach (var entry in segments)
        {
            size += VarintSize((ulong)(SegmentCounts.CodeOf(entry) - code)) + VarintSize((ulong)SegmentCounts.CountOf(entry));
            code = SegmentCounts.CodeOf(entry);
        }

        w.Write((ulong)size);
        w.Write((ulong)segments.Length);
        code = 0;
        foreach (var entry in segments)
        {
            w.Write((ulong)(SegmentCounts.CodeOf(entry) - code));
            w.Write((ulong)SegmentCounts.CountOf(entry));
            code = SegmentCounts.CodeOf(entry);
        }

        if (authors.IsDense)
        {
            w.Bytes(authors.DenseRegisters);
            return;
        }

        // A few sparse entries as they are, four bytes each, which a window reads in place; more
        // (an hour's authors) coded in about three bytes each (AuthorEntryCode).
        var sparse = authors.SparseEntries;
        w.Write((ulong)sparse.Length);
        if (sparse.Length > RawAuthorsAtMost)
        {
            // Coded unless an entry has no rank, which a sketch never makes.
            var coded = AuthorEntryCode.Codes(sparse);
            w.Byte(coded ? (byte)1 : (byte)0);
            if (coded)
            {
                AuthorEntryCode.Write(ref w, sparse);
                return;
            }
        }

        w.Bytes(MemoryMarshal.AsBytes(sparse));
    }

    private static int VarintSize(ulong value) => (63 - System.Numerics.BitOperations.LeadingZeroCount(value | 1) + 7) / 7;

    private static ulong Zigzag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long Unzigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>Reads a sealed chunk's buckets in slot order.</summary>
    public ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly ulong _mask;
        private int _at;
        private long _period;
        private bool _started;

        public Reader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _mask = ReadVarint();
            NextSlot = Following(-1);
        }

        /// <summary>The slot of the next bucket to read; past the chunk's last slot once all are read.</summary>
        public int NextSlot { get; private set; }

        /// <summary>Whether a slot of the chunk holds a bucket (it may be of another lap of the ring).</summary>
        public readonly bool Holds(int slot) => (_mask >> slot & 1) != 0;

        /// <summary>
        /// Reads the bucket at <see cref="NextSlot"/>: its totals, and those of <paramref name="parts"/>
        /// asked for (the rest read as empty). Breakdowns are decoded into <paramref name="segments"/>,
        /// which when too small is swapped for a larger array of the shared pool (an empty one is
        /// not returned to it). Dense registers and up to eight author entries are read in place;
        /// coded entries are decoded into <paramref name="authors"/>, swapped for a larger pooled
        /// array in the same way: the view's entries then last until the next read.
        /// </summary>
        public BucketView Read(BucketParts parts, scoped ref ulong[] segments, scoped ref uint[] authors)
        {
            // Decoded through locals: the reader's own fields live in memory, and a day of minutes
            // is some 100,000 numbers.
            var data = _data;
            var at = _at;
            var delta = Unzigzag(Varint.Read(data, ref at));
            _period = _started ? _period + delta : delta;
            _started = true;
            var fields = (Fields)data[at++];
            var mentions = (long)Varint.Read(data, ref at);
            var reach = (fields & Fields.Reach) != 0 ? (long)Varint.Read(data, ref at) : 0;
            var engagement = (fields & Fields.Engagement) != 0 ? (long)Varint.Read(data, ref at) : 0;
            var competitors = (fields & Fields.CompetitorMentions) != 0 ? (long)Varint.Read(data, ref at) : 0;
            long positive = 0, neutral = 0, negative = 0, unscored = 0;
            if ((fields & Fields.Sentiment) != 0)
            {
                positive = (long)Varint.Read(data, ref at);
                neutral = (long)Varint.Read(data, ref at);
                negative = (long)Varint.Read(data, ref at);
                unscored = (long)Varint.Read(data, ref at);
            }

            var compound = 0.0;
            if ((fields & Fields.CompoundSum) != 0)
            {
                compound = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(at, sizeof(double)));
                at += sizeof(double);
            }

            var sentimentReach = (fields & Fields.SentimentReach) != 0
                ? new SentimentReach((long)Varint.Read(data, ref at), (long)Varint.Read(data, ref at), (long)Varint.Read(data, ref at))
                : default;

            var segmentBytes = (int)Varint.Read(data, ref at);
            var segmentsEnd = at + segmentBytes;
            var segmentCount = 0;
            if ((parts & BucketParts.Segments) == 0)
            {
                at = segmentsEnd;
            }
            else
            {
                segmentCount = ReadSegments(data, ref at, ref segments);
            }

            ReadOnlySpan<byte> dense = default;
            ReadOnlySpan<uint> sparse = default;
            if ((fields & Fields.DenseAuthors) != 0)
            {
                dense = (parts & BucketParts.Authors) == 0 ? default : data.Slice(at, UniqueAuthorSketch.DenseRegisterCount);
                at += UniqueAuthorSketch.DenseRegisterCount;
            }
            else
            {
                var count = (int)Varint.Read(data, ref at);
                if (count <= RawAuthorsAtMost || data[at++] == 0)
                {
                    var bytes = data.Slice(at, count * sizeof(uint));
                    at += bytes.Length;
                    if ((parts & BucketParts.Authors) != 0)
                    {
                        // Written in the machine's own byte order (the chunk never leaves the process), so read as it is.
                        sparse = MemoryMarshal.Cast<byte, uint>(bytes);
                    }
                }
                else
                {
                    var length = (int)Varint.Read(data, ref at);
                    var code = data.Slice(at, length);
                    at += length;
                    if ((parts & BucketParts.Authors) != 0)
                    {
                        sparse = Decode(code, count, ref authors);
                    }
                }
            }

            var totals = new BucketTotals(mentions, reach, engagement, new SentimentTally(positive, neutral, negative, unscored, compound), sentimentReach, competitors);
            var view = new BucketView(_period, totals, segments.AsSpan(0, segmentCount), sparse, dense);
            _at = at;
            NextSlot = Following(NextSlot);
            return view;
        }

        private static ReadOnlySpan<uint> Decode(ReadOnlySpan<byte> code, int count, scoped ref uint[] authors)
        {
            if (authors.Length < count)
            {
                var grown = ArrayPool<uint>.Shared.Rent(Math.Max(count, 64));
                if (authors.Length > 0)
                {
                    ArrayPool<uint>.Shared.Return(authors);
                }

                authors = grown;
            }

            var decoded = authors.AsSpan(0, count);
            AuthorEntryCode.Read(code, decoded);
            return decoded;
        }

        private static int ReadSegments(ReadOnlySpan<byte> data, ref int at, scoped ref ulong[] segments)
        {
            var segmentCount = (int)Varint.Read(data, ref at);
            if (segments.Length < segmentCount)
            {
                var grown = ArrayPool<ulong>.Shared.Rent(Math.Max(segmentCount, 64));
                if (segments.Length > 0)
                {
                    ArrayPool<ulong>.Shared.Return(segments);
                }

                segments = grown;
            }

            var code = 0;
            for (var i = 0; i < segmentCount; i++)
            {
                code += (int)Varint.Read(data, ref at);
                segments[i] = SegmentCounts.Pack(code, (long)Varint.Read(data, ref at));
            }

            return segmentCount;
        }

        private readonly int Following(int slot)
        {
            var rest = slot >= 63 ? 0 : _mask >> (slot + 1);
            return rest == 0 ? 64 : slot + 1 + System.Numerics.BitOperations.TrailingZeroCount(rest);
        }

        private ulong ReadVarint() => Varint.Read(_data, ref _at);
    }
}
