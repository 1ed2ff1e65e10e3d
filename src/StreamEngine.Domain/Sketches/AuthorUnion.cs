using System.Buffers;
using System.Numerics;

namespace StreamEngine.Domain.Sketches;

/// <summary>
/// The distinct authors of a window, fed one bucket's sketch at a time, whether the bucket is held
/// as a <see cref="UniqueAuthorSketch"/> or read back from its encoded form. Stays exact while the
/// sparse entries it is given are few enough to count one by one (<see cref="ExactLimit"/>); past
/// that, or once a dense sketch joins, it counts in 4,096 dense registers like the sketches
/// themselves. Its buffers are pooled: dispose it when done.
/// </summary>
public sealed class AuthorUnion : IDisposable
{
    /// <summary>The most sparse entries (repeats included) a union counts exactly, one by one.</summary>
    public const int ExactLimit = 1 << 16;

    // Sparse entries are gathered as they come and counted once at the end, in a table sized for
    // all of them: growing a table while adding a day's 30,000 entries cost several times more.
    private uint[] _entries = [];
    private int _length;
    private byte[]? _registers;

    /// <summary>Adds a sketch read as its parts: sparse entries, or registers once dense (entries then empty).</summary>
    internal void Add(ReadOnlySpan<uint> sparse, ReadOnlySpan<byte> dense)
    {
        if (dense.IsEmpty)
        {
            AddSparse(sparse);
        }
        else
        {
            AddDense(dense);
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

        // Past the limit in entries gathered (repeated authors included, as counting them one by one
        // would cost more than the registers), the union turns dense.
        if (_length + entries.Length > ExactLimit)
        {
            ToDense();
            AddSparse(entries);
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
        ? UniqueAuthorSketch.EstimateSparse(Distinct(_entries.AsSpan(0, _length)))
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

    /// <summary>How many distinct register indices <paramref name="entries"/> hold.</summary>
    private static int Distinct(ReadOnlySpan<uint> entries)
    {
        // Open addressing at most half full. A slot holds an index + 1, so 0 marks it empty; the
        // indices are hash bits already, so their low bits spread well.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(entries.Length, 8) * 2);
        var mask = capacity - 1;
        var slots = ArrayPool<uint>.Shared.Rent(capacity);
        Array.Clear(slots, 0, capacity);
        var distinct = 0;
        foreach (var entry in entries)
        {
            var key = (entry >> UniqueAuthorSketch.RankBits) + 1;
            var slot = (int)key & mask;
            while (slots[slot] != 0 && slots[slot] != key)
            {
                slot = (slot + 1) & mask;
            }

            if (slots[slot] == 0)
            {
                slots[slot] = key;
                distinct++;
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
