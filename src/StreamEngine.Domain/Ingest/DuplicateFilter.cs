using System.Numerics;
using System.Runtime.InteropServices;

namespace StreamEngine.Domain.Ingest;

/// <summary>
/// Remembers the posts seen recently, by a 64-bit hash of network and id, so a post that arrives
/// twice (a producer's retry, an overlapping replay) is counted once. Memory is bounded: two
/// generations of at most <see cref="GenerationSize"/> keys each, the older dropped when the newer
/// fills, so the horizon is between one and two generations of posts (a forgotten key's place
/// counts until the generation ends). Not thread-safe: the ingest graph's folds use it one at a
/// time, and a failed round's forgetting takes the same lock (<c>MentionBatcher</c>).
/// <para>
/// Each generation is an open-addressed table of the keys themselves, about half full at most, probed
/// linearly: a look-up reads one cache line where a <c>HashSet&lt;ulong&gt;</c> reads a bucket and
/// then an entry elsewhere. The filter holds millions of keys, far beyond the caches, so every
/// post's check is a trip to memory; halving those trips cut its cost by about 40 % (perf/README.md).
/// </para>
/// </summary>
public sealed class DuplicateFilter
{
    public const int DefaultGenerationSize = 1 << 20;

    // Slot markers. Keys that collide with them are stored as Moved(key): two posts whose hashes
    // differ only there would be taken for one, as likely as any other collision of 64-bit hashes.
    private const ulong Empty = 0;
    private const ulong Forgotten = 1;

    // Tables start this small and double while the generation fills, so a node that has seen few
    // posts holds little; once full size, they stay so.
    private const int FirstSlots = 1 << 12;

    private readonly int _mostSlots;
    private ulong[] _current = new ulong[FirstSlots];
    private ulong[] _previous = new ulong[FirstSlots];

    // Slots of the current table that are not empty: its keys and its forgotten keys' markers.
    private int _used;

    public DuplicateFilter(int generationSize = DefaultGenerationSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(generationSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(generationSize, 1 << 29);
        GenerationSize = generationSize;
        _mostSlots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(FirstSlots, generationSize * 2));
    }

    public int GenerationSize { get; }

    /// <summary>
    /// How many generations have ended. A key added while this read <c>g</c> is remembered at least
    /// until it reads <c>g + 2</c>.
    /// </summary>
    public long Generation { get; private set; }

    /// <summary>True when the key is new (and now remembered); false for a duplicate.</summary>
    public bool TryAdd(ulong key)
    {
        key = Moved(key);
        if (IndexOf(_previous, key) >= 0)
        {
            return false;
        }

        var table = _current;
        var mask = table.Length - 1;
        var free = -1;
        for (var slot = Home(key, mask); ; slot = (slot + 1) & mask)
        {
            var held = table[slot];
            if (held == key)
            {
                return false;
            }

            if (held == Empty)
            {
                if (free < 0)
                {
                    free = slot;
                    _used++;
                }

                break;
            }

            if (held == Forgotten && free < 0)
            {
                free = slot;
            }
        }

        table[free] = key;
        if (_used >= GenerationSize)
        {
            (_previous, _current) = (_current, _previous);
            Array.Clear(_current);
            _used = 0;
            Generation++;
        }
        else if (_used * 2 > table.Length && table.Length < _mostSlots)
        {
            Grow();
        }

        return true;
    }

    /// <summary>Forgets a key whose post was not journaled after all, so that a resend is not taken for a duplicate.</summary>
    public void Forget(ulong key)
    {
        key = Moved(key);
        ForgetIn(_current, key);
        ForgetIn(_previous, key);
    }

    private static void ForgetIn(ulong[] table, ulong key)
    {
        // A marker rather than an empty slot, so that the keys probed past this one are still found.
        var slot = IndexOf(table, key);
        if (slot >= 0)
        {
            table[slot] = Forgotten;
        }
    }

    // "SEDUPF1": the format of WriteTo, so that a file of anything else is refused, not misread.
    private const ulong Magic = 0x3146_5055_4445_53;

    /// <summary>
    /// Writes what the filter remembers, so that a node stopping gracefully can start again knowing
    /// the posts it took: a body sent again after the restart then counts its posts once.
    /// </summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(GenerationSize);
        writer.Write(Generation);
        writer.Write(_used);
        Write(writer, _current);
        Write(writer, _previous);
    }

    /// <summary>Takes over what <see cref="WriteTo"/> wrote; the filter's generation size must be the one written.</summary>
    /// <exception cref="InvalidDataException">The stream is not such a record, or one of another generation size.</exception>
    public void ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt64() != Magic)
            {
                throw new InvalidDataException("not a record of a duplicate filter");
            }

            if (reader.ReadInt32() is var size && size != GenerationSize)
            {
                throw new InvalidDataException($"written by a filter of {size:N0} posts a generation, not {GenerationSize:N0}");
            }

            var generation = reader.ReadInt64();
            var used = reader.ReadInt32();
            var current = Read(reader);
            var previous = Read(reader);

            // A look-up probes until an empty slot: a table without one, or a count that is not the
            // table's, would send the filter round its table for ever.
            if (generation < 0 || used != current.Count(slot => slot != Empty) || used >= current.Length || !previous.Contains(Empty))
            {
                throw new InvalidDataException("its counts do not fit its tables");
            }

            (Generation, _used, _current, _previous) = (generation, used, current, previous);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the record ends early", ex);
        }
    }

    private static void Write(BinaryWriter writer, ulong[] table)
    {
        writer.Write(table.Length);
        writer.Write(MemoryMarshal.AsBytes(table.AsSpan()));
    }

    private ulong[] Read(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < FirstSlots || length > _mostSlots || !BitOperations.IsPow2(length))
        {
            throw new InvalidDataException($"a table of {length} slots, which this filter never holds");
        }

        var table = new ulong[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(table.AsSpan()));
        return table;
    }

    private static ulong Moved(ulong key) => key <= Forgotten ? key + 2 : key;

    // Fibonacci hashing: the key's high bits after one multiplication, so that keys differing
    // only in their low bits still spread.
    private static int Home(ulong key, int mask) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private static int IndexOf(ulong[] table, ulong key)
    {
        var mask = table.Length - 1;
        for (var slot = Home(key, mask); ; slot = (slot + 1) & mask)
        {
            var held = table[slot];
            if (held == key)
            {
                return slot;
            }

            if (held == Empty)
            {
                return -1;
            }
        }
    }

    /// <summary>Makes the newer generation's table twice as large: its keys placed again, its forgotten markers left out.</summary>
    private void Grow()
    {
        var grown = new ulong[_current.Length * 2];
        var mask = grown.Length - 1;
        _used = 0;
        foreach (var key in _current)
        {
            if (key > Forgotten)
            {
                var slot = Home(key, mask);
                while (grown[slot] != Empty)
                {
                    slot = (slot + 1) & mask;
                }

                grown[slot] = key;
                _used++;
            }
        }

        _current = grown;
    }
}
