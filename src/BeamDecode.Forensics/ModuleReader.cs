using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics;

/// <summary>
/// Reads one module file into a <see cref="ModuleSummary"/> or a one-line diagnostic. The only place the
/// tool turns file-system and format errors into data, so every command reports them the same way.
/// </summary>
public static class ModuleReader
{
    /// <summary>A file whose reading allocated this much is followed by a collection (<see cref="ReleaseLargeGarbage"/>).</summary>
    private const long LargeAllocation = 32L << 20;

    public static ModuleResult ReadSummary(string displayPath, string fullPath)
    {
        byte[]? buffer = null;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
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
                // The summary holds only strings and numbers, so the file's bytes can live in a pooled buffer: a
                // directory run reuses a few buffers instead of allocating (and page-faulting) every file anew.
                using var stream = OpenStream(fullPath, out long length);
                buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)length);
                stream.ReadExactly(buffer, 0, (int)length);
                beam = BeamFile.Read(buffer.AsMemory(0, (int)length));
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

            ReleaseLargeGarbage(allocatedBefore);
        }
    }

    /// <summary>
    /// A module image of tens of MB (a gzipped file inflates to up to the image limit) is garbage once its summary is
    /// taken, but the GC collects large objects only when its budget for them runs out: a directory of 20 files that
    /// each inflate to 200 MB took <c>info</c> to 3.7 GB. Collecting after a file that allocated that much keeps the
    /// peak near one image per worker (docs/reliability.md, memory check); small files never pay for it.
    /// </summary>
    private static void ReleaseLargeGarbage(long allocatedBefore)
    {
        if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore >= LargeAllocation)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
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

    /// <summary>Opens a file for reading, refusing files larger than the image limit before reading them.</summary>
    private static FileStream OpenStream(string fullPath, out long length)
    {
        var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        length = stream.Length;
        long limit = DecodeLimits.Current.MaxImageSize;
        if (length > limit)
        {
            stream.Dispose();
            throw new BadBeamFormatException(
                DiagnosticId.ImplausibleSize, 0, $"file is {length} bytes, more than the {limit}-byte limit (--max-image-size)");
        }

        return stream;
    }
}
