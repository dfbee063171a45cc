using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics;

/// <summary>
/// Reads one module file into a <see cref="ModuleSummary"/> or a one-line diagnostic. The only place the
/// tool turns file-system and format errors into data, so every command reports them the same way.
/// </summary>
public static class ModuleReader
{
    /// <summary>A module whose work allocated this much is followed by a collection (<see cref="ModuleScope"/>).</summary>
    internal const long LargeAllocation = 32L << 20;

    /// <summary>Files up to this size are read into the thread's own buffer (<see cref="threadBuffer"/>); nearly every
    /// .beam is far smaller (the largest in OTP 25 is under 2 MB).</summary>
    private const int ReuseLimit = 8 << 20;

    [ThreadStatic]
    private static byte[]? threadBuffer;

    /// <summary>
    /// Starts the work on one module (reading it and whatever the command derives from it, on this thread); disposing
    /// the scope collects if that work allocated a lot. Every command wraps its per-module work in one, so a directory
    /// of huge modules stays near one image per worker whatever the command (<see cref="ModuleScope"/>).
    /// </summary>
    public static ModuleScope BeginModule() => new(GC.GetAllocatedBytesForCurrentThread());

    public static ModuleResult ReadSummary(string displayPath, string fullPath)
    {
        var summary = new SummaryVisitor();
        return Read(displayPath, fullPath, summary) is { } diagnostic ? ModuleResult.Fail(diagnostic) : ModuleResult.Ok(summary.Result!);
    }

    /// <summary>
    /// Reads one module for a host that makes what <see cref="ModuleSummary.From"/> makes (or something derived from no
    /// more than it reads): hands the visitor the module's <see cref="BeamFile"/>, or its known summary, and turns
    /// format and file-system errors into the diagnostic returned (null on success). The bytes live in the thread's
    /// reused buffer and must not outlive the visit. Most of a large module is debug info and line and type tables
    /// that a summary does not read: the visitor is first given the module without those (<see cref="SummaryRead"/>),
    /// and given the whole file again, after <see cref="ModuleVisitor.Discard"/>, whenever that could make any
    /// difference (it raised a diagnostic, or the debug-info kind was decided from more than was loaded), so the
    /// result is always the whole file's.
    /// </summary>
    public static ToolDiagnostic? Read(string displayPath, string fullPath, ModuleVisitor visitor)
    {
        using var scope = BeginModule();
        try
        {
            if (Inputs.InMemoryInputs.TryGetSummary(fullPath, out var known))
            {
                visitor.Summary(known with { Path = displayPath });
                return null;
            }

            if (SummaryRead.TryOpenWithoutBulk(fullPath, out var whole) is { } sparse)
            {
                try
                {
                    visitor.Module(displayPath, sparse);
                    if (sparse.DebugInfo.HeadLength <= SummaryRead.DebugInfoHead)
                    {
                        return null;
                    }
                }
                catch (BadBeamFormatException)
                {
                    // Decided on the whole file below, so that the diagnostic is the one a whole read gives.
                }

                visitor.Discard();
            }

            // A small file SummaryRead already read whole is not opened and read a second time.
            visitor.Module(displayPath, whole is { } bytes ? BeamFile.Read(bytes) : OpenInThreadBuffer(fullPath));
            return null;
        }
        catch (BadBeamFormatException e)
        {
            visitor.Discard();
            return new ToolDiagnostic(displayPath, e.Id, e.Offset, e.Chunk, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            visitor.Discard();
            return new ToolDiagnostic(displayPath, DiagnosticId.IoError, null, null, e.Message);
        }
    }

    /// <summary>Keeps the summary of the module visited.</summary>
    private sealed class SummaryVisitor : ModuleVisitor
    {
        public ModuleSummary? Result { get; private set; }

        public override void Module(string displayPath, BeamFile beam) => Result = ModuleSummary.From(displayPath, beam);

        public override void Summary(ModuleSummary summary) => Result = summary;

        public override void Discard() => Result = null;
    }

    /// <summary>Opens a .beam file (or a module held in a collector dump), refusing files larger than the image limit
    /// before reading them.</summary>
    public static BeamFile Open(string fullPath)
    {
        // A module inside a collector dump (InputExpander registered it under a synthetic path).
        if (Inputs.InMemoryInputs.TryGet(fullPath, out var member))
        {
            return BeamFile.Read(member);
        }

        using var stream = OpenStream(fullPath, out long length);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return BeamFile.Read(bytes);
    }

    /// <summary>
    /// <see cref="Open(string)"/> into this thread's reused buffer instead of a new array per file: no allocation and
    /// no fresh pages per module, and one pread without a FileStream. The BeamFile views the buffer until the next
    /// call on this thread: the caller must be done with it, and with everything decoded from it, by then (info,
    /// disasm and source finish a module before reading the next). A file over <see cref="ReuseLimit"/> gets an
    /// array of its own, which is not kept.
    /// </summary>
    public static BeamFile OpenInThreadBuffer(string fullPath)
    {
        if (Inputs.InMemoryInputs.TryGet(fullPath, out var member))
        {
            return BeamFile.Read(member);
        }

        using var file = ModuleFile.Open(fullPath);
        int length = CheckedLength(file.Length);
        byte[] into = ThreadBufferFor(length);
        int filled = 0, n;
        while (filled < length && (n = file.Read(into.AsSpan(filled, length - filled), filled)) > 0)
        {
            filled += n;
        }

        if (filled < length)
        {
            throw new IOException($"file shrank from {length} to {filled} bytes while being read");
        }

        return BeamFile.Read(into.AsMemory(0, length));
    }

    /// <summary>This thread's reused buffer when <paramref name="length"/> is within <see cref="ReuseLimit"/> (grown if
    /// needed), else a new array.</summary>
    internal static byte[] ThreadBufferFor(int length)
    {
        if (length > ReuseLimit)
        {
            return new byte[length];
        }

        if (threadBuffer is { } b && b.Length >= length)
        {
            return b;
        }

        // Doubling, so that a walk meeting ever larger files grows it a few times rather than at each new largest file
        // (each growth is fresh memory to fault in); not zeroed, since every byte used is read from a file first.
        int size = (int)Math.Min(ReuseLimit, Math.Max(length, Math.Max(256 << 10, 2L * (threadBuffer?.Length ?? 0))));
        return threadBuffer = GC.AllocateUninitializedArray<byte>(size);
    }

    /// <summary>Opens a file for reading, refusing files larger than the image limit before reading them.</summary>
    private static FileStream OpenStream(string fullPath, out long length)
    {
        var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            length = CheckedLength(stream.Length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return stream;
    }

    /// <summary>A file's length, refused when larger than the image limit (before reading it).</summary>
    internal static int CheckedLength(long length)
    {
        long limit = DecodeLimits.Current.MaxImageSize;
        if (length > limit)
        {
            throw new BadBeamFormatException(
                DiagnosticId.ImplausibleSize, 0, $"file is {length} bytes, more than the {limit}-byte limit (--max-image-size)");
        }

        return (int)length;
    }
}
