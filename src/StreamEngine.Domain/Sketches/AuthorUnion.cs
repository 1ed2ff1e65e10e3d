using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

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

    // Growing a table rehashes what it holds, and a day of minutes brings ~30,000 entries: starting
    // small and doubling made a 24 h summary three times slower than this start and fourfold steps.
    private const int InitialSlots = 4096;

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
        if (entries.IsEmpty)
        {
            return;
        }

        if (_registers is null && _count + entries.Length > ExactLimit)
        {
            ToDense();
        }

        if (_registers is not null)
        {
            foreach (var entry in entries)
            {
                UniqueAuthorSketch.AddDense(_registers, entry);
            }

            return;
        }

        // Room for every entry up front, so the loop below runs on locals.
        if (_slots is null || (_count + entries.Length) * 2 > _mask + 1)
        {
            Grow(_count + entries.Length);
        }

        var slots = _slots!;
        var mask = _mask;
        var count = _count;
        foreach (var entry in entries)
        {
            count += Place(slots, mask, entry) ? 1 : 0;
        }

        _count = count;
    }

    /// <summary>Puts an entry in the table, keeping the larger rank of an index already there; true when its index is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Place(uint[] slots, int mask, uint entry)
    {
        var index = entry >> UniqueAuthorSketch.IndexShift;
        var slot = (int)index & mask;
        while (true)
        {
            var held = slots[slot];
            if (held == 0)
            {
                slots[slot] = entry | Occupied;
                return true;
            }

            if ((held & ~Occupied) >> UniqueAuthorSketch.IndexShift == index)
            {
                if ((entry & UniqueAuthorSketch.RankMask) > (held & UniqueAuthorSketch.RankMask))
                {
                    slots[slot] = entry | Occupied;
                }

                return false;
            }

            slot = (slot + 1) & mask;
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

    /// <summary>A table at most half full with <paramref name="needed"/> entries, holding those there were.</summary>
    private void Grow(int needed)
    {
        var old = _slots;
        var oldCapacity = _mask + 1;
        // Rented arrays may be longer than asked for; the table is the power-of-two prefix.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(InitialSlots, needed * 4));
        _slots = ArrayPool<uint>.Shared.Rent(capacity);
        Array.Clear(_slots, 0, capacity);
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
                _count += Place(_slots, _mask, held & ~Occupied) ? 1 : 0;
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
