using System.Buffers;
using System.Numerics;

namespace StreamEngine.Domain.Sketches;

/// <summary>
/// The distinct authors of a window, fed one bucket's sketch at a time, whether the bucket is held
/// as a <see cref="UniqueAuthorSketch"/> or read back from its encoded form. Stays exact while the
/// union's register indices are few enough to keep in a set (<see cref="ExactLimit"/>); past that,
/// or once a dense sketch joins, it counts in 4,096 dense registers like the sketches themselves.
/// Its buffers are pooled: dispose it when done.
/// </summary>
public sealed class AuthorUnion : IDisposable
{
    /// <summary>The most distinct register indices counted exactly, one by one.</summary>
    public const int ExactLimit = 1 << 16;

    // Open addressing at most half full. A slot holds an entry with its top bit set, so 0 marks it
    // empty (entries use 31 bits); the indices are hash bits already, so their low bits spread well.
    private const uint Occupied = 1u << 31;

    private uint[]? _slots;
    private int _mask;
    private int _count;
    private byte[]? _registers;

    public void Add(UniqueAuthorSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        if (sketch.IsDense)
        {
            AddDense(sketch.DenseRegisters);
        }
        else
        {
            AddSparse(sketch.SparseEntries);
        }
    }

    /// <summary>Adds sparse entries (<see cref="UniqueAuthorSketch.SparseEntries"/>).</summary>
    public void AddSparse(ReadOnlySpan<uint> entries)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (_registers is not null)
            {
                UniqueAuthorSketch.AddDense(_registers, entries[i]);
            }
            else if (Insert(entries[i]) && _count > ExactLimit)
            {
                ToDense();
            }
        }
    }

    /// <summary>Adds a dense sketch's registers (<see cref="UniqueAuthorSketch.DenseRegisters"/>).</summary>
    public void AddDense(ReadOnlySpan<byte> registers)
    {
        if (_registers is null)
        {
            ToDense();
        }

        UniqueAuthorSketch.MaxInto(_registers.AsSpan(0, UniqueAuthorSketch.DenseRegisterCount), registers);
    }

    public long Estimate() => _registers is null
        ? UniqueAuthorSketch.EstimateSparse(_count)
        : UniqueAuthorSketch.EstimateDense(_registers.AsSpan(0, UniqueAuthorSketch.DenseRegisterCount));

    /// <summary>Forgets every author added, keeping the buffers for the next window.</summary>
    public void Clear()
    {
        if (_registers is not null)
        {
            ArrayPool<byte>.Shared.Return(_registers);
            _registers = null;
        }

        if (_slots is not null && _count > 0)
        {
            Array.Clear(_slots, 0, _mask + 1);
        }

        _count = 0;
    }

    public void Dispose()
    {
        if (_slots is not null)
        {
            ArrayPool<uint>.Shared.Return(_slots);
            _slots = null;
        }

        if (_registers is not null)
        {
            ArrayPool<byte>.Shared.Return(_registers);
            _registers = null;
        }

        _count = 0;
    }

    /// <summary>Adds one entry to the set, keeping the larger rank of an index seen before; true when the index is new.</summary>
    private bool Insert(uint entry)
    {
        if (_slots is null || (_count + 1) * 2 > _mask + 1)
        {
            Grow();
        }

        var slots = _slots!;
        var mask = _mask;
        var index = entry >> UniqueAuthorSketch.IndexShift;
        var slot = (int)index & mask;
        while (slots[slot] != 0)
        {
            var held = slots[slot] & ~Occupied;
            if (held >> UniqueAuthorSketch.IndexShift == index)
            {
                if ((entry & UniqueAuthorSketch.RankMask) > (held & UniqueAuthorSketch.RankMask))
                {
                    slots[slot] = entry | Occupied;
                }

                return false;
            }

            slot = (slot + 1) & mask;
        }

        slots[slot] = entry | Occupied;
        _count++;
        return true;
    }

    private void Grow()
    {
        var old = _slots;
        var oldCapacity = _mask + 1;
        // Rented arrays may be larger than asked for; only a power-of-two prefix is used as the table.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, (_count + 1) * 4));
        var slots = ArrayPool<uint>.Shared.Rent(capacity);
        Array.Clear(slots, 0, capacity);
        _slots = slots;
        _mask = capacity - 1;
        _count = 0;
        if (old is null)
        {
            return;
        }

        foreach (var held in old.AsSpan(0, oldCapacity))
        {
            if (held != 0)
            {
                Insert(held & ~Occupied);
            }
        }

        ArrayPool<uint>.Shared.Return(old);
    }

    private void ToDense()
    {
        var registers = ArrayPool<byte>.Shared.Rent(UniqueAuthorSketch.DenseRegisterCount);
        Array.Clear(registers, 0, UniqueAuthorSketch.DenseRegisterCount);
        if (_slots is not null)
        {
            foreach (var held in _slots.AsSpan(0, _mask + 1))
            {
                if (held != 0)
                {
                    UniqueAuthorSketch.AddDense(registers, held & ~Occupied);
                }
            }

            Array.Clear(_slots, 0, _mask + 1);
        }

        _registers = registers;
        _count = 0;
    }
}
