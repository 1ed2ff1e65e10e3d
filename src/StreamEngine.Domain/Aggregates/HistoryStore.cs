using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace StreamEngine.Domain.Aggregates;

/// <summary>
/// A node's sealed history kept on disk rather than in memory: the chunks of minute and hour buckets
/// and the hour and day influence panes that no post is expected to change any more. Each chunk is
/// written once, read back by its brand when a query needs it (the OS keeps the hot part in its
/// page cache) and given back when a late post reopens it, a newer period takes its place, it
/// passes out of retention (<see cref="BrandAggregate.Forget"/>) or the brand stops.
/// <para>
/// Nothing here is the record of the brand: the journal and snapshots are, and a brand rebuilt from
/// them writes its history here again. So the files are scratch, removed from the directory as soon
/// as they are opened (on Linux; elsewhere when they close): a node that dies leaves nothing behind.
/// Space is appended in segments and a segment's file goes once none of its chunks is held. Chunks
/// are written to one segment at a time per <see cref="HistoryLifetime"/>, so that what is given back
/// together lies together: a file of minute buckets goes within about a day of its last write, one of
/// hour buckets within about a month, as every chunk in them passes out of retention.
/// A write that fails (a full disk) is reported by returning null; the caller keeps the chunk in
/// memory, so no history is lost for want of disk.
/// </para>
/// </summary>
public sealed class HistoryStore : IDisposable
{
    /// <summary>Bytes appended to one file before the next is started.</summary>
    public const long DefaultSegmentBytes = 64L << 20;

    private readonly string _directory;

    // Files are named by process and store, so that nodes sharing a directory (containers often
    // all run as process 1) never open each other's.
    private readonly string _namePrefix = $"history-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly long _segmentBytes;
    private readonly Lock _lock = new();
    private readonly HashSet<Segment> _segments = [];
    private readonly Segment?[] _current = new Segment?[Enum.GetValues<HistoryLifetime>().Length];
    private int _nextFile;
    private long _failedWrites;
    private bool _disposed;

    private HistoryStore(string directory, long segmentBytes)
    {
        _directory = directory;
        _segmentBytes = segmentBytes;
    }

    /// <summary>Opens a store in <paramref name="directory"/>, creating the directory if need be.</summary>
    public static HistoryStore Open(string directory, long segmentBytes = DefaultSegmentBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentBytes);
        Directory.CreateDirectory(directory);
        var store = new HistoryStore(Path.GetFullPath(directory), segmentBytes);

        // A directory that exists but cannot take a file is refused now, not at every seal.
        store.OpenSegment().Handle.Dispose();
        return store;
    }

    /// <summary>Bytes of chunks held by brands now.</summary>
    public long LiveBytes
    {
        get
        {
            lock (_lock)
            {
                return _segments.Sum(s => s.Live);
            }
        }
    }

    /// <summary>Bytes the open files take, the space of chunks given back included until their file goes.</summary>
    public long FileBytes
    {
        get
        {
            lock (_lock)
            {
                return _segments.Sum(s => s.Written);
            }
        }
    }

    /// <summary>Writes that failed, whose chunks stayed in memory.</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Writes a chunk; null when it could not be written, so the caller keeps it.</summary>
    internal HistoryBlock? TryWrite(byte[] chunk, HistoryLifetime lifetime) => TryWrite([chunk], lifetime)?[0];

    /// <summary>
    /// Writes chunks side by side in one call (a brand that recovers seals a month of them at once);
    /// their places in the same order, or null when they could not be written, so the caller keeps them all.
    /// </summary>
    internal HistoryBlock[]? TryWrite(IReadOnlyList<byte[]> chunks, HistoryLifetime lifetime)
    {
        var total = 0L;
        foreach (var chunk in chunks)
        {
            total += chunk.Length;
        }

        if (total > _segmentBytes && chunks.Count > 1)
        {
            // More than a file takes: one at a time, each where it fits.
            var each = new HistoryBlock[chunks.Count];
            for (var i = 0; i < chunks.Count; i++)
            {
                if (TryWrite(chunks[i], lifetime) is not { } block)
                {
                    foreach (var written in each.AsSpan(0, i))
                    {
                        Release(written);
                    }

                    return null;
                }

                each[i] = block;
            }

            return each;
        }

        Segment segment;
        long offset;
        try
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                ref var current = ref _current[(int)lifetime];
                if (current is null || current.Written + total > _segmentBytes)
                {
                    Retire(current);
                    current = null;
                    current = OpenSegment();
                    _segments.Add(current);
                }

                segment = current;
                offset = segment.Written;
                segment.Written += total;
                segment.Live += total;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failedWrites);
            return null;
        }
        catch (ObjectDisposedException)
        {
            // The node is stopping: what is sealed now stays in memory until the brand stops too.
            return null;
        }

        var blocks = new HistoryBlock[chunks.Count];
        var memories = new ReadOnlyMemory<byte>[chunks.Count];
        var at = offset;
        for (var i = 0; i < chunks.Count; i++)
        {
            blocks[i] = new HistoryBlock(segment, at, chunks[i].Length);
            memories[i] = chunks[i];
            at += chunks[i].Length;
        }

        try
        {
            RandomAccess.Write(segment.Handle, memories, offset);
            return blocks;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            foreach (var block in blocks)
            {
                Release(block);
            }

            Interlocked.Increment(ref _failedWrites);
            return null;
        }
    }

    /// <summary>Reads a chunk back into <paramref name="into"/>, which holds at least its length.</summary>
    internal static void Read(HistoryBlock block, Span<byte> into)
    {
        var target = into[..block.Length];
        var read = 0;
        while (read < target.Length)
        {
            var n = RandomAccess.Read(block.Segment.Handle, target[read..], block.Offset + read);
            if (n == 0)
            {
                throw new IOException($"history file {block.Segment.Name} ends at {block.Offset + read}, inside a chunk of {block.Length} bytes at {block.Offset}");
            }

            read += n;
        }
    }

    /// <summary>A chunk read back into an array of the shared pool, which the caller returns to it.</summary>
    internal static byte[] Load(HistoryBlock block)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(block.Length);
        try
        {
            Read(block, buffer);
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Gives a chunk's space back; once a retired file holds none, it is closed.</summary>
    internal void Release(HistoryBlock block)
    {
        lock (_lock)
        {
            var segment = block.Segment;
            segment.Live -= block.Length;
            if (segment.Live == 0 && Array.IndexOf(_current, segment) < 0 && _segments.Remove(segment))
            {
                segment.Handle.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var segment in _segments)
            {
                segment.Handle.Dispose();
            }

            _segments.Clear();
            Array.Clear(_current);
        }
    }

    private void Retire(Segment? segment)
    {
        if (segment is { Live: 0 })
        {
            _segments.Remove(segment);
            segment.Handle.Dispose();
        }
    }

    private Segment OpenSegment()
    {
        var name = Path.Combine(_directory, $"{_namePrefix}-{_nextFile++}.bin");
        if (OperatingSystem.IsWindows())
        {
            return new Segment(File.OpenHandle(name, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose), name);
        }

        // Unlinked while open: the space stays until the handle closes, and a node that dies leaves no file.
        var handle = File.OpenHandle(name, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            File.Delete(name);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new Segment(handle, name);
    }

    internal sealed class Segment(SafeFileHandle handle, string name)
    {
        public SafeFileHandle Handle { get; } = handle;

        public string Name { get; } = name;

        // Guarded by the store's lock.
        public long Written { get; set; }

        public long Live { get; set; }
    }
}

/// <summary>How long what is written is held, about: chunks of one lifetime share their files.</summary>
public enum HistoryLifetime
{
    /// <summary>Within a day (minute buckets, hour panes).</summary>
    Day,

    /// <summary>Within a month (hour buckets, day panes).</summary>
    Month,
}

/// <summary>Where one sealed chunk lies in a <see cref="HistoryStore"/>.</summary>
internal sealed class HistoryBlock(HistoryStore.Segment segment, long offset, int length)
{
    public HistoryStore.Segment Segment { get; } = segment;

    public long Offset { get; } = offset;

    public int Length { get; } = length;
}
