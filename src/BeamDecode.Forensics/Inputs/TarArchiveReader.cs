using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// The .beam members of a tar archive, plain or gzip-compressed: a release tarball as <c>systools:make_tar</c>,
/// relx or <c>mix release</c> write it (erl_tar: ustar headers; GNU and PAX long names are read too), with the
/// beams under <c>lib/APP-VSN/ebin/</c> and possibly <c>.ez</c> archives, whose members are read in turn
/// (<c>lib/app-1.0.ez!app-1.0/ebin/m.beam</c>). Our own reader rather than System.Formats.Tar, so that every size
/// is checked before it is believed: a header's size field, a GNU long name and a PAX record are claims, and the
/// inflated stream is counted as it is produced (<see cref="ArchiveLimits"/>). Header layout: POSIX.1-1988 ustar
/// (name 0-99, size 124-135, checksum 148-155, type 156, magic 257, prefix 345-499), as erl_tar.erl writes it.
/// Only <see cref="BadBeamFormatException"/> escapes: BD0305 for a damaged archive, BD0006 for a limit.
/// </summary>
public static class TarArchiveReader
{
    private const int Block = 512;

    /// <summary>Longest GNU long name or PAX header block believed.</summary>
    private const int MaxMetadataSize = 1 << 20;

    /// <summary>Whether <paramref name="head"/> (the first 512 bytes of the inflated stream) is a tar header: its
    /// checksum is right (ustar, GNU and v7 tars all carry one; an all-zero block is not a header).</summary>
    public static bool IsTarHeader(ReadOnlySpan<byte> head)
    {
        if (head.Length < Block || head[..Block].IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        return TryOctal(head.Slice(148, 8), out long stored) && ChecksumMatches(head[..Block], stored);
    }

    /// <summary>Whether a file is a tar archive, plain or gzip-compressed (a gzipped .beam is not: it inflates to FOR1).</summary>
    public static bool IsTarFile(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> head = stackalloc byte[Block];
            int n = file.ReadAtLeast(head, Block, throwOnEndOfStream: false);
            if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
            {
                file.Position = 0;
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                n = gzip.ReadAtLeast(head, Block, throwOnEndOfStream: false);
            }

            return IsTarHeader(head[..n]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The .beam members (and those of .ez members) of a tar file, plain or gzip-compressed.</summary>
    public static ImmutableArray<ArchiveMember> ReadBeamsFromFile(string path, ArchiveLimits? limits = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        bool gzipped = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        if (!gzipped)
        {
            return ReadBeams(file, limits);
        }

        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return ReadBeams(gzip, limits);
    }

    /// <summary>The .beam members of an uncompressed tar stream, in archive order.</summary>
    public static ImmutableArray<ArchiveMember> ReadBeams(Stream tar, ArchiveLimits? limits = null)
    {
        limits ??= ArchiveLimits.Default;
        var reader = new BlockReader(tar, limits.MaxTarStreamSize);
        var members = ImmutableArray.CreateBuilder<ArchiveMember>();
        var header = new byte[Block];
        string? longName = null;
        string? paxPath = null;
        long kept = 0;
        int entries = 0;
        try
        {
            while (true)
            {
                long at = reader.Position;
                if (!reader.TryReadBlock(header))
                {
                    // erl_tar and GNU tar end with two zero blocks; a stream that just stops after a member is
                    // accepted too (a damaged header is not).
                    break;
                }

                if (header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
                {
                    break;
                }

                if (!TryOctal(header.AsSpan(148, 8), out long checksum) || !ChecksumMatches(header, checksum))
                {
                    throw new BadBeamFormatException(DiagnosticId.BadArchive, at, "a tar header with a wrong checksum (damaged or not a tar archive)");
                }

                if (++entries > limits.MaxEntries)
                {
                    throw new BadBeamFormatException(DiagnosticId.ImplausibleSize, at, $"the archive has more than {limits.MaxEntries} entries");
                }

                long size = Size(header, at);
                char type = (char)header[156];
                switch (type)
                {
                    case 'L':
                        longName = Text(reader.ReadData(size, MaxMetadataSize, at));
                        continue;
                    case 'x':
                        paxPath = PaxPath(reader.ReadData(size, MaxMetadataSize, at)) ?? paxPath;
                        continue;
                    case 'g' or 'K':
                        reader.Skip(size);
                        continue;
                }

                string name = paxPath ?? longName ?? HeaderName(header);
                longName = null;
                paxPath = null;
                bool regular = type is '0' or '\0' or '7';
                // Links, devices, fifos and directories carry no data whatever their size field says.
                long dataSize = type is >= '1' and <= '6' ? 0 : size;
                bool wanted = name.EndsWith(".beam", StringComparison.Ordinal) || name.EndsWith(".ez", StringComparison.Ordinal);
                if (!wanted)
                {
                    reader.Skip(dataSize);
                    continue;
                }

                string? refusal = ArchiveReader.UnsafeName(name) ?? (type switch
                {
                    '1' => "a hard link entry; not read",
                    '2' => "a symbolic link entry; not read",
                    _ when !regular => $"a tar entry of type '{type}', not a file; not read",
                    _ => null,
                });
                if (refusal is not null)
                {
                    reader.Skip(dataSize);
                    members.Add(new ArchiveMember(name, null, new BadBeamFormatException(DiagnosticId.UnsafeMemberName, at, refusal)));
                    continue;
                }

                bool isEz = name.EndsWith(".ez", StringComparison.Ordinal);
                long memberLimit = isEz ? limits.MaxTotalSize : limits.MaxMemberSize;
                if (size > memberLimit || kept + size > limits.MaxTotalSize)
                {
                    reader.Skip(size);
                    members.Add(new ArchiveMember(name, null, new BadBeamFormatException(
                        DiagnosticId.DecompressionLimit, at, $"the member is {size} bytes, past the limit of {Math.Min(memberLimit, limits.MaxTotalSize - kept)}")));
                    continue;
                }

                byte[] data = reader.ReadData(size, memberLimit, at);
                kept += size;
                if (!isEz)
                {
                    members.Add(new ArchiveMember(name, data, null));
                    continue;
                }

                try
                {
                    foreach (var inner in ArchiveReader.ReadBeams(data, limits))
                    {
                        members.Add(inner with { Name = name + "!" + inner.Name });
                    }
                }
                catch (BadBeamFormatException e)
                {
                    members.Add(new ArchiveMember(name, null, e));
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new BadBeamFormatException(DiagnosticId.BadCompression, reader.Position, $"corrupt gzip data: {e.Message}");
        }

        return members.ToImmutable();
    }

    /// <summary>The size field: octal digits, or GNU's base-256 (high bit of the first byte set) for huge members.</summary>
    private static long Size(ReadOnlySpan<byte> header, long at)
    {
        var field = header.Slice(124, 12);
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7f;
            for (int i = 1; i < field.Length; i++)
            {
                if (value > (long.MaxValue >> 8))
                {
                    throw new BadBeamFormatException(DiagnosticId.ImplausibleSize, at, "a tar member size past 2^63");
                }

                value = (value << 8) | field[i];
            }

            return value;
        }

        return TryOctal(field, out long size)
            ? size
            : throw new BadBeamFormatException(DiagnosticId.BadArchive, at, "a tar header whose size is not an octal number");
    }

    /// <summary>An octal field: optional leading spaces, digits, then NUL or space (or the end of the field).</summary>
    private static bool TryOctal(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        int i = 0;
        while (i < field.Length && field[i] == ' ')
        {
            i++;
        }

        int digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++)
        {
            if (digits >= 21)
            {
                return false;
            }

            value = (value << 3) | (uint)(field[i] - '0');
        }

        for (; i < field.Length; i++)
        {
            if (field[i] is not (0 or (byte)' '))
            {
                return false;
            }
        }

        return digits > 0;
    }

    /// <summary>The header checksum: the sum of its bytes with the checksum field read as spaces; old tars summed
    /// signed bytes, so either sum is accepted.</summary>
    private static bool ChecksumMatches(ReadOnlySpan<byte> header, long stored)
    {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < Block; i++)
        {
            byte b = i is >= 148 and < 156 ? (byte)' ' : header[i];
            unsigned += b;
            signed += (sbyte)b;
        }

        return stored == unsigned || stored == signed;
    }

    /// <summary>The name field, joined to the ustar prefix field when the magic says ustar ("ustar\0"; GNU's
    /// "ustar  \0" uses that area for other things).</summary>
    private static string HeaderName(ReadOnlySpan<byte> header)
    {
        string name = Text(header[..100]);
        if (header.Slice(257, 6).SequenceEqual("ustar\0"u8) && header[345] != 0)
        {
            return Text(header.Slice(345, 155)) + "/" + name;
        }

        return name;
    }

    /// <summary>Bytes up to the first NUL, as UTF-8 (invalid sequences become U+FFFD, never an exception).</summary>
    private static string Text(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul < 0 ? field : field[..nul]);
    }

    /// <summary>The <c>path</c> record of a PAX header ("LEN path=VALUE\n" records), or null.</summary>
    private static string? PaxPath(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int space = data.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data[..space], System.Globalization.NumberStyles.None, null, out int length) || length <= space || length > data.Length)
            {
                return null;
            }

            var record = data[(space + 1)..length];
            if (record.StartsWith("path="u8) && record.EndsWith("\n"u8))
            {
                return Encoding.UTF8.GetString(record[5..^1]);
            }

            data = data[length..];
        }

        return null;
    }

    /// <summary>Reads a tar stream block by block, counting what it consumes against <see cref="ArchiveLimits.MaxTarStreamSize"/>.</summary>
    private sealed class BlockReader(Stream stream, long maxStreamSize)
    {
        private readonly byte[] _skip = new byte[1 << 16];

        public long Position { get; private set; }

        public bool TryReadBlock(byte[] block)
        {
            int n = stream.ReadAtLeast(block, Block, throwOnEndOfStream: false);
            Position += n;
            if (n == 0)
            {
                return false;
            }

            return n == Block ? true : throw Truncated();
        }

        /// <summary>A member's data (padded to a block), read only when its declared size is within the limit.</summary>
        public byte[] ReadData(long size, long limit, long at)
        {
            if (size > limit)
            {
                throw new BadBeamFormatException(DiagnosticId.DecompressionLimit, at, $"a tar entry of {size} bytes, past the limit of {limit}");
            }

            Check(size);
            var data = new byte[size];
            if (stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) != data.Length)
            {
                throw Truncated();
            }

            Position += size;
            SkipBytes(Padding(size));
            return data;
        }

        /// <summary>Skips a member's data and the padding to the next block.</summary>
        public void Skip(long size)
        {
            Check(size);
            SkipBytes(size + Padding(size));
        }

        private void SkipBytes(long count)
        {
            while (count > 0)
            {
                int n = stream.Read(_skip, 0, (int)Math.Min(count, _skip.Length));
                if (n == 0)
                {
                    throw Truncated();
                }

                count -= n;
                Position += n;
            }
        }

        private static long Padding(long size) => (Block - (size % Block)) % Block;

        private void Check(long size)
        {
            if (size < 0 || Position + size > maxStreamSize)
            {
                throw new BadBeamFormatException(DiagnosticId.DecompressionLimit, Position, $"the tar stream runs past the limit of {maxStreamSize} bytes");
            }
        }

        private BadBeamFormatException Truncated() =>
            new(DiagnosticId.BadArchive, Position, "the tar archive is truncated");
    }
}
