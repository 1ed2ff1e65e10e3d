using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StreamEngine.MatcherBenchmarks.Hyperscan;

/// <summary>
/// The few calls of Intel Hyperscan 5 (libhs.so.5, Debian package libhyperscan5) that block-mode
/// scanning needs, with the constants of hs_common.h and hs_compile.h.
/// </summary>
internal static unsafe partial class HyperscanNative
{
    public const string Library = "libhs.so.5";

    public const int Success = 0;

    public const uint FlagCaseless = 1;
    public const uint FlagUtf8 = 32;

    public const uint ModeBlock = 1;

    /// <summary>Whether the library can be loaded; if not, why not and what to do.</summary>
    public static bool IsAvailable(out string reason)
    {
        if (NativeLibrary.TryLoad(Library, typeof(HyperscanNative).Assembly, null, out var handle))
        {
            NativeLibrary.Free(handle);
            reason = "";
            return true;
        }

        reason = $"{Library} could not be loaded (on Debian: apt-get install -y libhyperscan5), so the Hyperscan contenders are skipped";
        return false;
    }

    [LibraryImport(Library, EntryPoint = "hs_compile_multi")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int CompileMulti(byte** expressions, uint* flags, uint* ids, uint elements, uint mode, void* platform, nint* database, CompileError** error);

    [LibraryImport(Library, EntryPoint = "hs_free_compile_error")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int FreeCompileError(CompileError* error);

    [LibraryImport(Library, EntryPoint = "hs_free_database")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int FreeDatabase(nint database);

    /// <summary><paramref name="scratch"/> must point to null on a first allocation.</summary>
    [LibraryImport(Library, EntryPoint = "hs_alloc_scratch")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int AllocScratch(nint database, nint* scratch);

    [LibraryImport(Library, EntryPoint = "hs_free_scratch")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int FreeScratch(nint scratch);

    [LibraryImport(Library, EntryPoint = "hs_scan")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Scan(nint database, byte* data, uint length, uint flags, nint scratch,
        delegate* unmanaged[Cdecl]<uint, ulong, ulong, uint, void*, int> onEvent, void* context);

    /// <summary>hs_compile_error_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CompileError
    {
        public byte* Message;
        public int Expression;
    }
}
