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
        byte[]? buffer = null;
        using var scope = BeginModule();
        try
        {
            if (Inputs.InMemoryInputs.TryGetSummary(fullPath, out var known))
            {
                return ModuleResult.Ok(known with { Path = displayPath });
            }

            BeamFile beam;
            if (Inputs.InMemoryInputs.TryGet(fullPath, out var member))
            {
                beam = BeamFile.Read(member);
            }
            else
            {
                // The summary holds only strings and numbers, so the file's bytes can live in a buffer that outlives
                // it: each thread reuses one (a pooled one for the rare huge file) instead of allocating and
                // page-faulting every file anew, and reads it with one pread, without a FileStream.
                using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                int length = CheckedLength(RandomAccess.GetLength(handle));
                byte[] into;
                if (length <= ReuseLimit)
                {
                    into = threadBuffer is { } b && b.Length >= length ? b : (threadBuffer = new byte[Math.Max(length, 256 << 10)]);
                }
                else
                {
                    into = buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                }

                int filled = 0, n;
                while (filled < length && (n = RandomAccess.Read(handle, into.AsSpan(filled, length - filled), filled)) > 0)
                {
                    filled += n;
                }

                if (filled < length)
                {
                    throw new IOException($"file shrank from {length} to {filled} bytes while being read");
                }

                beam = BeamFile.Read(into.AsMemory(0, length));
            }

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
        finally
        {
            if (buffer is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
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
    /// <see cref="Open(string)"/> that reads the file into <paramref name="buffer"/>, replaced by a bigger one when too
    /// small, instead of a new array per file (disasm keeps one per worker thread). The BeamFile views the buffer: the
    /// caller must be done with it, and with everything decoded from it, before reusing the buffer.
    /// </summary>
    public static BeamFile Open(string fullPath, ref byte[]? buffer)
    {
        if (Inputs.InMemoryInputs.TryGet(fullPath, out var member))
        {
            return BeamFile.Read(member);
        }

        using var stream = OpenStream(fullPath, out long length);
        if (buffer is null || buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, 1 << 16)];
        }

        stream.ReadExactly(buffer, 0, (int)length);
        return BeamFile.Read(buffer.AsMemory(0, (int)length));
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
