using System.Buffers;
using System.Numerics;

namespace StreamEngine.Domain.Sketches;

/// <summary>
/// The distinct authors of a window, fed one bucket's sketch at a time, whether the bucket is held
/// as a <see cref="UniqueAuthorSketch"/> or read back from its encoded form. Stays exact while the
/// union's register indices are few enough to count one by one (<see cref="ExactLimit"/>); past
/// that, or once a dense sketch joins, it counts in 4,096 dense registers like the sketches
/// themselves. Its buffers are pooled: dispose it when done.
/// </summary>
public sealed class AuthorUnion : IDisposable
{
    /// <summary>The most distinct register indices counted exactly, one by one.</summary>
    public const int ExactLimit = 1 << 16;

    // Sparse entries are gathered as they come and counted once at the end, in a table sized for
    // all of them: growing a table while adding a day's 30,000 entries cost several times more.
    private uint[] _entries = [];
    private int _length;
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
        if (_registers is not null)
        {
            foreach (var entry in entries)
            {
                UniqueAuthorSketch.AddDense(_registers, entry);
            }

            return;
        }

        if (_length + entries.Length > _entries.Length)
        {
            var grown = ArrayPool<uint>.Shared.Rent(Math.Max(1024, (_length + entries.Length) * 2));
            _entries.AsSpan(0, _length).CopyTo(grown);
            ReturnEntries();
            _entries = grown;
        }

        entries.CopyTo(_entries.AsSpan(_length));
        _length += entries.Length;
        if (_length > ExactLimit)
        {
            // Many of them may be the same authors again: keep one entry per index, and count
            // densely only when the distinct ones alone are too many.
            _length = Distinct(_entries.AsSpan(0, _length), keep: true);
            if (_length > ExactLimit)
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
        ? UniqueAuthorSketch.EstimateSparse(Distinct(_entries.AsSpan(0, _length), keep: false))
        : UniqueAuthorSketch.EstimateDense(_registers.AsSpan(0, UniqueAuthorSketch.DenseRegisterCount));

    public void Dispose()
    {
        ReturnEntries();
        _length = 0;
        if (_registers is not null)
        {
            ArrayPool<byte>.Shared.Return(_registers);
            _registers = null;
        }
    }

    /// <summary>
    /// How many distinct register indices <paramref name="entries"/> hold; with <paramref name="keep"/>,
    /// also moves one entry per index (the larger rank) to the front.
    /// </summary>
    private static int Distinct(Span<uint> entries, bool keep)
    {
        // Open addressing at most half full. A slot holds an entry with its top bit set, so 0 marks
        // it empty (entries use 31 bits); the indices are hash bits already, so their low bits spread well.
        const uint occupied = 1u << 31;
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(entries.Length, 8) * 2);
        var mask = capacity - 1;
        var slots = ArrayPool<uint>.Shared.Rent(capacity);
        Array.Clear(slots, 0, capacity);
        var distinct = 0;
        foreach (var entry in entries)
        {
            var index = entry >> UniqueAuthorSketch.IndexShift;
            var slot = (int)index & mask;
            while (true)
            {
                var held = slots[slot];
                if (held == 0)
                {
                    slots[slot] = entry | occupied;
                    distinct++;
                    break;
                }

                if ((held & ~occupied) >> UniqueAuthorSketch.IndexShift == index)
                {
                    if ((entry & UniqueAuthorSketch.RankMask) > (held & UniqueAuthorSketch.RankMask))
                    {
                        slots[slot] = entry | occupied;
                    }

                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        if (keep)
        {
            var kept = 0;
            foreach (var held in slots.AsSpan(0, capacity))
            {
                if (held != 0)
                {
                    entries[kept++] = held & ~occupied;
                }
            }
        }

        ArrayPool<uint>.Shared.Return(slots);
        return distinct;
    }

    private void ToDense()
    {
        var registers = ArrayPool<byte>.Shared.Rent(UniqueAuthorSketch.DenseRegisterCount);
        Array.Clear(registers, 0, UniqueAuthorSketch.DenseRegisterCount);
        foreach (var entry in _entries.AsSpan(0, _length))
        {
            UniqueAuthorSketch.AddDense(registers, entry);
        }

        _registers = registers;
        _length = 0;
    }

    private void ReturnEntries()
    {
        if (_entries.Length > 0)
        {
            ArrayPool<uint>.Shared.Return(_entries);
            _entries = [];
        }
    }
}
