using System.Buffers.Binary;
using System.Collections.Immutable;
using BeamDecode.Metadata;
using Microsoft.Win32.SafeHandles;

namespace BeamDecode.Forensics.Carving;

/// <summary>
/// Finds every BEAM image embedded in an arbitrary file (a core file of beam.smp, a memory or disk image): the
/// file is read front to back in large chunks and searched for "FOR1" with the vectorized span search (the
/// chunks overlap by three bytes, so a header split across two reads is found once); each hit whose form type
/// at +8 is "BEAM" (the IFF header beam_lib and the loader check, beam_file.c) is read on its own at its offset,
/// bounded by the size its header claims and <see cref="BeamFileLimits.MaxImageSize"/>, and validated with
/// <see cref="BeamFile.Read(byte[])"/>, the module name (atom 1) and the md5. A copy that is truncated or damaged
/// is reported as a rejection, never thrown.
/// </summary>
public static class BeamCarver
{
    /// <summary>Bytes read per step: large enough that the search, not the system call, sets the pace.</summary>
    public const int ChunkSize = 8 << 20;

    private const int HeaderSize = 12;

    /// <summary>Offsets of every "FOR1" in <paramref name="data"/> (the search core, also used by the benchmark).</summary>
    public static void FindMarkers(ReadOnlySpan<byte> data, long baseOffset, List<long> hits)
    {
        int from = 0;
        while (true)
        {
            int k = data[from..].IndexOf("FOR1"u8);
            if (k < 0)
            {
                return;
            }

            hits.Add(baseOffset + from + k);
            from += k + 1;
        }
    }

    /// <summary>Scans a file; <paramref name="valid"/> receives each valid image with its bytes, in file order.</summary>
    public static CarveScan Scan(string path, Action<CarvedImage, byte[]>? valid = null)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(handle);
        var images = ImmutableArray.CreateBuilder<CarvedImage>();
        // A small file gets a small buffer: 8 MB zeroed per scan made carving a 1 KB blob cost ~0.8 ms (the fuzz
        // target ran at 1,283 inputs a second). At least a page, so a file that grows while read still advances.
        var buffer = new byte[(int)Math.Clamp(length, 4096, ChunkSize) + 3];
        var hits = new List<long>();
        long markers = 0;
        long bufferStart = 0;
        int carry = 0;
        var header = new byte[HeaderSize];
        while (true)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(carry), bufferStart + carry);
            if (n <= 0)
            {
                break;
            }

            int total = carry + n;
            hits.Clear();
            FindMarkers(buffer.AsSpan(0, total), bufferStart, hits);
            markers += hits.Count;
            foreach (long offset in hits)
            {
                if (Examine(handle, length, offset, header) is { } found)
                {
                    images.Add(found.Image);
                    if (found.Bytes is { } bytes)
                    {
                        valid?.Invoke(found.Image, bytes);
                    }
                }
            }

            // Keep the last three bytes: a "FOR1" starting there ends in the next read.
            carry = Math.Min(3, total);
            Array.Copy(buffer, total - carry, buffer, 0, carry);
            bufferStart += total - carry;
        }

        return new CarveScan(bufferStart + carry, markers, images.ToImmutable());
    }

    /// <summary>The image at a "FOR1", or null when the form type is not BEAM (a stray marker, not reported).</summary>
    private static (CarvedImage Image, byte[]? Bytes)? Examine(SafeFileHandle handle, long length, long offset, byte[] header)
    {
        if (RandomAccess.Read(handle, header, offset) < HeaderSize || !header.AsSpan(8, 4).SequenceEqual("BEAM"u8))
        {
            return null;
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)) + 8L;
        if (size > BeamFileLimits.MaxImageSize)
        {
            return (new CarvedImage(offset, size, null, null, $"the header claims {size} bytes, more than the {BeamFileLimits.MaxImageSize}-byte limit"), null);
        }

        if (offset + size > length)
        {
            return (new CarvedImage(offset, size, null, null, $"truncated: the header claims {size} bytes, {length - offset} remain"), null);
        }

        var bytes = new byte[size];
        if (RandomAccess.Read(handle, bytes, offset) < size)
        {
            return (new CarvedImage(offset, size, null, null, "truncated: the file ended while reading the image"), null);
        }

        try
        {
            var beam = BeamFile.Read(bytes);
            string module = beam.ModuleName;
            byte[]? md5 = ModuleMd5.TryCompute(beam, out _);
            // Checked as beam_lib would: the chunk tables every loadable module has must decode.
            _ = beam.Exports;
            _ = beam.Imports;
            return (new CarvedImage(offset, size, module, md5 is null ? null : Convert.ToHexStringLower(md5), null), bytes);
        }
        catch (BadBeamFormatException e)
        {
            return (new CarvedImage(offset, size, null, null, $"{e.Id}: {e.Message}"), null);
        }
    }
}
