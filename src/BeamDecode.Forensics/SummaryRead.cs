using System.Buffers.Binary;
using BeamDecode.Metadata;

namespace BeamDecode.Forensics;

/// <summary>
/// Loads a module for <see cref="ModuleSummary.From"/> without the bulk it never reads: of a large module's debug
/// info (Dbgi, or Abst before OTP 20) only the first <see cref="DebugInfoHead"/> bytes, which tell its kind; of its
/// line, type and doc tables (Line, Type, Docs, ExCk, DbgB, Recs) nothing. Every chunk header and every other chunk is
/// read, so the container checks and everything the summary decodes see the file's own bytes; the skipped ranges hold
/// whatever the thread's buffer held before. Dbgi is 60% of the OTP tree's bytes (benchmarks/README.md, compare.sh).
/// <para>
/// The caller keeps the answer only when it cannot differ from a whole read: no diagnostic was raised (any is raised
/// again from the whole file, so it is the same one), and the debug-info kind was decided from no more than the loaded
/// head (<see cref="Metadata.Chunks.DebugInfo.HeadLength"/>: the inflater pulls 8 KB blocks, and a hostile stream can
/// need more than one before its first kilobyte). Gzipped files, files not shaped like a container, and files where
/// skipping would save little are read whole (null here, and the caller reads them the usual way).
/// </para>
/// </summary>
internal static class SummaryRead
{
    /// <summary>What is loaded of a debug-info chunk: the COMPRESSED header (6 bytes) and the inflater's first 8 KB block
    /// (System.IO.Compression's DeflateStream reads its input 8 KB at a time), with room to spare.</summary>
    public const int DebugInfoHead = 12 << 10;

    /// <summary>Files up to this size are read in one piece, as are the stretches between skipped ranges.</summary>
    private const int Block = 64 << 10;

    /// <summary>A skipped range shorter than this is read anyway: a read call costs more than copying a few pages.</summary>
    private const int MinimumSkip = 16 << 10;

    /// <summary>The module with its bulk left out, or null when it should be read whole. A file too small for skipping to
    /// pay is read whole here, into the thread's buffer (<paramref name="whole"/>: what <see
    /// cref="ModuleReader.OpenInThreadBuffer"/> would read), so that it is not opened twice; null when it was not (an
    /// error, which the whole read raises again, or a file that is skipped or not small).</summary>
    public static BeamFile? TryOpenWithoutBulk(string fullPath, out ReadOnlyMemory<byte>? whole)
    {
        whole = null;
        if (Inputs.InMemoryInputs.TryGet(fullPath, out _))
        {
            return null;
        }

        try
        {
            using var file = ModuleFile.Open(fullPath);
            long fileLength = file.Length;
            if (fileLength > DecodeLimits.Current.MaxImageSize)
            {
                return null;
            }

            int length = (int)fileLength;
            byte[] buffer = ModuleReader.ThreadBufferFor(length);
            if (fileLength <= Block)
            {
                int loaded = 0;
                if (Fill(file, buffer, length, ref loaded, length, exact: true))
                {
                    whole = buffer.AsMemory(0, length);
                }

                return null;
            }

            return Load(file, buffer, length) ? BeamFile.Read(buffer.AsMemory(0, length)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadBeamFormatException)
        {
            // The whole read raises it again, as it always did.
            return null;
        }
    }

    /// <summary>Reads the file into <paramref name="buffer"/> except the skippable ranges; false when nothing would be
    /// skipped or the file does not look like a container (the caller then reads it whole).</summary>
    private static bool Load(ModuleFile handle, byte[] buffer, int length)
    {
        int loaded = 0;
        if (!Fill(handle, buffer, length, ref loaded, Block))
        {
            return false;
        }

        // FOR1 Size BEAM (beam_lib.erl scan_beam); a gzipped file starts with 1f 8b and is read whole.
        var head = buffer.AsSpan(0, 12);
        if (!head[..4].SequenceEqual("FOR1"u8) || !head[8..12].SequenceEqual("BEAM"u8))
        {
            return false;
        }

        long end = 8 + (long)BinaryPrimitives.ReadUInt32BigEndian(head[4..8]);
        if (end > length)
        {
            return false;
        }

        bool skipped = false;
        int pos = 12;
        while (pos + 8 <= end)
        {
            if (pos + 8 > loaded && !Fill(handle, buffer, length, ref loaded, pos + 8))
            {
                return false;
            }

            uint id = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(pos, 4));
            uint size = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(pos + 4, 4));
            int dataAt = pos + 8;
            if (size > end - dataAt)
            {
                return false;
            }

            int next = (int)Math.Min(dataAt + (((long)size + 3) & ~3L), end);
            int keep = Keep(id);
            if (keep >= 0 && next - Math.Max(loaded, dataAt + keep) >= MinimumSkip)
            {
                // Load the part kept (if not loaded yet), then go on from the chunk's end.
                if (dataAt + keep > loaded && !Fill(handle, buffer, length, ref loaded, dataAt + keep, exact: true))
                {
                    return false;
                }

                loaded = next;
                skipped = true;
            }

            pos = next;
        }

        return skipped && Fill(handle, buffer, length, ref loaded, length, exact: true);
    }

    /// <summary>How much of a chunk the summary reads: <see cref="DebugInfoHead"/> bytes of Dbgi and Abst, nothing of the
    /// tables it never decodes, or -1 for all of it.</summary>
    private static int Keep(uint id) => id switch
    {
        0x44626769 /* Dbgi */ or 0x41627374 /* Abst */ => DebugInfoHead,
        0x4C696E65 /* Line */ or 0x54797065 /* Type */ or 0x446F6373 /* Docs */ or 0x4578436B /* ExCk */
            or 0x44626742 /* DbgB */ or 0x52656373 /* Recs */ => 0,
        _ => -1,
    };

    /// <summary>Reads on from <paramref name="loaded"/> to at least <paramref name="to"/> (a whole block unless
    /// <paramref name="exact"/>, never past the file's <paramref name="length"/>); false when the file ended early.</summary>
    private static bool Fill(ModuleFile handle, byte[] buffer, int length, ref int loaded, int to, bool exact = false)
    {
        int target = exact ? to : Math.Max(to, loaded + Block);
        target = Math.Min(target, length);
        while (loaded < target)
        {
            int n = handle.Read(buffer.AsSpan(loaded, target - loaded), loaded);
            if (n <= 0)
            {
                return false;
            }

            loaded += n;
        }

        return loaded >= to;
    }
}
