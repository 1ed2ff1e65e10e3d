using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using StreamEngine.MatcherBenchmarks.Hyperscan;

namespace StreamEngine.MatcherBenchmarks.Contenders;

/// <summary>
/// One Hyperscan block-mode database of every term (one pattern each, see
/// <see cref="HyperscanBoundary"/>); each post's UTF-8 bytes are scanned in one <c>hs_scan</c> call,
/// and an unmanaged callback counts the matches.
/// </summary>
public sealed unsafe class HyperscanLiterals : IDisposable
{
    private readonly nint _database;
    private readonly nint _scratch;
    private readonly int* _termBytes;
    private readonly delegate* unmanaged[Cdecl]<uint, ulong, ulong, uint, void*, int> _onMatch;

    public HyperscanLiterals(IReadOnlyList<string> terms, HyperscanBoundary boundary)
    {
        ArgumentNullException.ThrowIfNull(terms);
        const uint caselessUtf8 = HyperscanNative.FlagCaseless | HyperscanNative.FlagUtf8;
        var (format, flags) = boundary switch
        {
            HyperscanBoundary.Ascii => (@"\b{0}\b", caselessUtf8),
            _ => ("{0}", caselessUtf8),
        };
        _onMatch = boundary == HyperscanBoundary.Verified ? &CountWholeWords : &CountAll;

        // Terms are runs of letters and digits, so nothing in them needs escaping.
        _database = Compile([.. terms.Select(t => string.Format(CultureInfo.InvariantCulture, format, t))], flags);
        nint scratch = 0;
        Check(HyperscanNative.AllocScratch(_database, &scratch), "hs_alloc_scratch");
        _scratch = scratch;
        _termBytes = (int*)NativeMemory.Alloc((nuint)terms.Count, sizeof(int));
        for (var i = 0; i < terms.Count; i++)
        {
            _termBytes[i] = Encoding.UTF8.GetByteCount(terms[i]);
        }
    }

    public int Count(ReadOnlySpan<byte> utf8)
    {
        fixed (byte* data = utf8)
        {
            var scan = new Scan { Data = data, Length = utf8.Length, TermBytes = _termBytes };
            Check(HyperscanNative.Scan(_database, data, (uint)utf8.Length, 0, _scratch, _onMatch, &scan), "hs_scan");
            return scan.Hits;
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_termBytes);
        HyperscanNative.FreeScratch(_scratch);
        HyperscanNative.FreeDatabase(_database);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CountAll(uint id, ulong from, ulong to, uint flags, void* context)
    {
        ((Scan*)context)->Hits++;
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CountWholeWords(uint id, ulong from, ulong to, uint flags, void* context)
    {
        var scan = (Scan*)context;
        var text = new ReadOnlySpan<byte>(scan->Data, scan->Length);
        var end = (int)to;
        if (WordBoundary.StartsWord(text, end - scan->TermBytes[id]) && WordBoundary.EndsWord(text, end))
        {
            scan->Hits++;
        }

        return 0;
    }

    private static nint Compile(string[] patterns, uint flags)
    {
        var expressions = new nint[patterns.Length];
        try
        {
            for (var i = 0; i < patterns.Length; i++)
            {
                expressions[i] = Marshal.StringToCoTaskMemUTF8(patterns[i]);
            }

            var allFlags = Enumerable.Repeat(flags, patterns.Length).ToArray();
            var ids = Enumerable.Range(0, patterns.Length).Select(i => (uint)i).ToArray();
            nint database = 0;
            HyperscanNative.CompileError* error = null;
            int status;
            fixed (nint* e = expressions)
            fixed (uint* f = allFlags, d = ids)
            {
                status = HyperscanNative.CompileMulti((byte**)e, f, d, (uint)patterns.Length, HyperscanNative.ModeBlock, null, &database, &error);
            }

            if (status != HyperscanNative.Success)
            {
                var message = error is null ? $"status {status}" : Marshal.PtrToStringUTF8((nint)error->Message);
                var pattern = error is not null && error->Expression >= 0 ? $" (pattern '{patterns[error->Expression]}')" : "";
                HyperscanNative.FreeCompileError(error);
                throw new InvalidOperationException($"hs_compile_multi failed{pattern}: {message}");
            }

            return database;
        }
        finally
        {
            foreach (var expression in expressions)
            {
                Marshal.FreeCoTaskMem(expression);
            }
        }
    }

    private static void Check(int status, string call)
    {
        if (status != HyperscanNative.Success)
        {
            throw new InvalidOperationException($"{call} returned {status}");
        }
    }

    /// <summary>What the match callback reads and counts into, on the caller's stack for one scan.</summary>
    private struct Scan
    {
        public byte* Data;
        public int Length;
        public int* TermBytes;
        public int Hits;
    }
}
