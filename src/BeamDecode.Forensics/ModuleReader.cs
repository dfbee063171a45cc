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
        using var scope = BeginModule();
        try
        {
            if (Inputs.InMemoryInputs.TryGetSummary(fullPath, out var known))
            {
                return ModuleResult.Ok(known with { Path = displayPath });
            }

            // The summary holds only strings and numbers, so the bytes may live in the thread's reused buffer.
            var beam = OpenInThreadBuffer(fullPath);
            return ModuleResult.Ok(ModuleSummary.From(displayPath, beam));
        }
        catch (BadBeamFormatException e)
        {
            return ModuleResult.Fail(new ToolDiagnostic(displayPath, e.Id, e.Offset, e.Chunk, e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ModuleResult.Fail(new ToolDiagnostic(displayPath, DiagnosticId.IoError, null, null, e.Message));
        }
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

        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        int length = CheckedLength(RandomAccess.GetLength(handle));
        byte[] into = length > ReuseLimit
            ? new byte[length]
            : threadBuffer is { } b && b.Length >= length ? b : (threadBuffer = new byte[Math.Max(length, 256 << 10)]);
        int filled = 0, n;
        while (filled < length && (n = RandomAccess.Read(handle, into.AsSpan(filled, length - filled), filled)) > 0)
        {
            filled += n;
        }

        if (filled < length)
        {
            throw new IOException($"file shrank from {length} to {filled} bytes while being read");
        }

        return BeamFile.Read(into.AsMemory(0, length));
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
    private static int CheckedLength(long length)
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
