using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata;

/// <summary>
/// Bounded zlib/gzip inflation. The declared size is checked against a limit before any allocation, and the
/// stream must produce exactly that many bytes: a lying size or a bomb is a diagnostic, never an OOM.
/// </summary>
public static class Inflater
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>
    /// Deflate's best case: 258 bytes from a 1-bit code, about 1032:1 (RFC 1951; zlib's "technical details"). A size
    /// declared beyond this many bytes per compressed byte cannot be true, so it is refused before any allocation.
    /// </summary>
    public const int MaxDeflateRatio = 1032;

    /// <summary>
    /// What the BCL's inflaters throw for corrupt data: InvalidDataException for a bad stream, and an IOException
    /// (ZLibException) for return codes it does not map, such as Z_NEED_DICT for a zlib header with a preset
    /// dictionary (FDICT). Found by the container fuzz target (docs/reliability.md); every inflating caller uses this.
    /// </summary>
    public static bool IsCorruptData(Exception e) => e is InvalidDataException or IOException;

    /// <summary>Inflates zlib data that claims to hold exactly <paramref name="expectedSize"/> bytes
    /// (LitT, the COMPRESSED term tag).</summary>
    public static byte[] Zlib(ReadOnlySpan<byte> compressed, long expectedSize, long limit, long offset, string? chunk) =>
        Inflate(compressed, expectedSize, limit, offset, chunk, pooled: false);

    /// <summary>As <see cref="Zlib"/>, into an array rented from <see cref="ArrayPool{T}.Shared"/> (its first
    /// <paramref name="expectedSize"/> bytes are the data) that the caller returns: for a term decoded and then
    /// dropped (Dbgi), so that the largest buffer of a module is not allocated, zeroed and collected each time.</summary>
    public static byte[] ZlibRented(ReadOnlySpan<byte> compressed, long expectedSize, long limit, long offset, string? chunk) =>
        Inflate(compressed, expectedSize, limit, offset, chunk, pooled: true);

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, long expectedSize, long limit, long offset, string? chunk, bool pooled)
    {
        if (expectedSize < 0 || expectedSize > limit || expectedSize > Array.MaxLength)
        {
            throw new BadBeamFormatException(
                DiagnosticId.DecompressionLimit,
                offset,
                $"declared uncompressed size {expectedSize} exceeds the limit of {limit} bytes",
                chunk);
        }

        // The declared size is only a claim: grow the buffer as data actually arrives, so a few bytes claiming
        // hundreds of megabytes cost what they inflate to, not what they claim.
        int initial = (int)Math.Min(expectedSize, Math.Max(InitialBuffer, (long)compressed.Length * 4));
        var output = pooled ? ArrayPool<byte>.Shared.Rent(initial) : new byte[initial];
        try
        {
            // ZLibStream reads a stream: the compressed bytes are copied into a pooled array for it, not a new one
            // (for Dbgi a new one was megabytes of fresh large-object memory per module, zeroed and faulted in).
            byte[] copy = ArrayPool<byte>.Shared.Rent(compressed.Length);
            try
            {
                compressed.CopyTo(copy);
                using var input = new MemoryStream(copy, 0, compressed.Length, writable: false);
                using var z = new ZLibStream(input, CompressionMode.Decompress);
                int filled = ReadDeclared(z, ref output, expectedSize, offset, chunk, pooled);

                Span<byte> probe = stackalloc byte[1];
                if (z.Read(probe) != 0)
                {
                    throw new BadBeamFormatException(
                        DiagnosticId.BadCompression,
                        offset,
                        $"zlib data inflates past the declared {expectedSize} bytes",
                        chunk);
                }

                // A zlib stream ends with the Adler-32 of its output (RFC 1950). ZLibStream stops at the end of the
                // deflate data without checking it, while zlib's uncompress (erts: LitT, binary_to_term) refuses a
                // missing or wrong one. Both users pass exactly the stream, so the trailer is the last 4 bytes.
                if (compressed.Length < 6 || BinaryPrimitives.ReadUInt32BigEndian(compressed[^4..]) != Adler32.Compute(output.AsSpan(0, filled)))
                {
                    throw new BadBeamFormatException(
                        DiagnosticId.BadCompression, offset, "zlib data does not end with the Adler-32 of its inflated bytes", chunk);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }

            return output;
        }
        catch (Exception e) when (pooled || IsCorruptData(e))
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(output);
            }

            if (IsCorruptData(e))
            {
                throw new BadBeamFormatException(DiagnosticId.BadCompression, offset, $"corrupt zlib data: {e.Message}", chunk);
            }

            throw;
        }
    }

    /// <summary>Reads exactly <paramref name="expectedSize"/> bytes into <paramref name="output"/>, growing it as data
    /// arrives; returns the count (always the declared size: fewer is a diagnostic).</summary>
    private static int ReadDeclared(Stream z, ref byte[] output, long expectedSize, long offset, string? chunk, bool pooled)
    {
        int filled = 0;
        while (filled < expectedSize)
        {
            if (filled == output.Length)
            {
                int size = (int)Math.Min(expectedSize, (long)output.Length * 2);
                if (pooled)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(size);
                    output.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(output);
                    output = bigger;
                }
                else
                {
                    Array.Resize(ref output, size);
                }
            }

            int n = z.Read(output, filled, (int)Math.Min(output.Length, expectedSize) - filled);
            if (n == 0)
            {
                throw new BadBeamFormatException(
                    DiagnosticId.BadCompression,
                    offset,
                    $"zlib data inflates to {filled} bytes, but {expectedSize} were declared",
                    chunk);
            }

            filled += n;
        }

        return filled;
    }

    /// <summary>A read-only stream over memory, without copying when the memory is an array (it always is here:
    /// chunks are slices of the file image).</summary>
    public static Stream OpenRead(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(memory.ToArray(), writable: false);

    /// <summary>
    /// Inflates a whole gzip file (compile option <c>compressed</c>, one member as zlib:gzip writes it), refusing more
    /// than <paramref name="limit"/> bytes. The trailer's ISIZE (RFC 1952: the inflated length mod 2^32) is read first:
    /// a size over the limit, or more than the compressed bytes could ever inflate to, is refused before anything is
    /// allocated, and inflation fills exactly the declared size and refuses a stream that produces more or less.
    /// (Growing a buffer towards the limit instead cost 512 MB of garbage a bomb; 20 bombs in one directory took the
    /// process to 3.5 GB: docs/reliability.md.)
    /// </summary>
    public static byte[] Gzip(ReadOnlyMemory<byte> compressed, long limit)
    {
        // 10-byte header, at least 2 bytes of deflate data, 8-byte trailer (CRC32, ISIZE).
        const int Overhead = 18;
        if (compressed.Length < Overhead)
        {
            throw new BadBeamFormatException(DiagnosticId.BadCompression, 0, $"gzip data of {compressed.Length} bytes is too short to hold a trailer (truncated?)", null);
        }

        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(compressed.Span[^4..]);
        if (declared > limit)
        {
            throw new BadBeamFormatException(
                DiagnosticId.DecompressionLimit,
                0,
                $"gzip trailer declares {declared} inflated bytes, over the limit of {limit} bytes (or the file is truncated)",
                null);
        }

        if (declared > (long)(compressed.Length - Overhead + 2) * MaxDeflateRatio)
        {
            throw new BadBeamFormatException(
                DiagnosticId.BadCompression,
                0,
                $"gzip trailer declares {declared} inflated bytes, more than {compressed.Length} compressed bytes can hold (truncated?)",
                null);
        }

        var output = new byte[declared];
        try
        {
            using var input = OpenRead(compressed);
            using var gz = new GZipStream(input, CompressionMode.Decompress);
            int filled = 0;
            while (filled < output.Length)
            {
                int n = gz.Read(output, filled, output.Length - filled);
                if (n == 0)
                {
                    throw new BadBeamFormatException(
                        DiagnosticId.BadCompression, 0, $"gzip data inflates to {filled} bytes, but its trailer declares {declared} (truncated?)", null);
                }

                filled += n;
            }

            // One more read makes GZipStream reach the trailer and check the CRC; any byte it yields is one too many.
            Span<byte> probe = stackalloc byte[1];
            if (gz.Read(probe) != 0)
            {
                throw new BadBeamFormatException(
                    DiagnosticId.BadCompression, 0, $"gzip data inflates past the {declared} bytes its trailer declares", null);
            }

            return output;
        }
        catch (Exception e) when (IsCorruptData(e))
        {
            throw new BadBeamFormatException(DiagnosticId.BadCompression, 0, $"corrupt gzip data: {e.Message}", null);
        }
    }
}
