using System.Collections.Immutable;
using System.IO.Compression;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// The .beam members of a zip archive (an OTP <c>.ez</c> application archive) or of an escript, read in memory
/// with the BCL's ZipArchive (fuzzed upstream; facts.md). Nothing is written to disk, and a member that could not
/// be written safely is refused anyway (an absolute name, <c>..</c>, NUL or control characters, a symbolic link):
/// another tool fed the same names would write outside its directory (zip-slip). Bytes are counted as inflation
/// produces them (<see cref="ArchiveLimits"/>). Only <see cref="BadBeamFormatException"/> escapes: the whole
/// container's (BD0305, BD0306, BD0006), or, inside <see cref="ArchiveMember.Failure"/>, one member's.
/// </summary>
public static class ArchiveReader
{
    /// <summary>A local file header ("PK\3\4") or, for an archive with no entries, the end record ("PK\5\6").</summary>
    public static bool IsZip(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));

    public static bool IsEscript(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == '#' && head[1] == '!';

    /// <summary>The .beam members of a zip archive or an escript, in archive order.</summary>
    public static ImmutableArray<ArchiveMember> ReadBeams(byte[] bytes, ArchiveLimits? limits = null)
    {
        limits ??= ArchiveLimits.Default;
        if (IsZip(bytes))
        {
            return ReadZip(bytes, 0, limits);
        }

        if (!IsEscript(bytes))
        {
            throw new BadBeamFormatException(DiagnosticId.BadArchive, 0, "neither a zip archive nor an escript");
        }

        int body = EscriptBodyOffset(bytes);
        var rest = bytes.AsSpan(body);
        if (IsZip(rest))
        {
            return ReadZip(bytes, body, limits);
        }

        if (rest.StartsWith("FOR1"u8) || rest.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
        {
            // A single module (escript:create/2 with {beam, Bin}): name it after the module when it says.
            byte[] beam = rest.ToArray();
            string name;
            try
            {
                name = BeamFile.Read(beam).ModuleName + ".beam";
            }
            catch (BadBeamFormatException)
            {
                name = "escript.beam"; // ModuleReader reports what is wrong with it.
            }

            return [new ArchiveMember(name, beam, null)];
        }

        throw new BadBeamFormatException(
            DiagnosticId.NoCompiledCode, body, rest.IsEmpty ? "the escript has no body after its header" : "the escript holds Erlang source, not compiled code");
    }

    /// <summary>
    /// Where an escript's body starts, as escript.erl parse_header/2 finds it: after the "#!" line; then a second
    /// line that is "%%!" emulator flags is skipped, or a "%" comment line is skipped together with a third line
    /// when that one is "%%!"; a second line that starts the archive ("PK") or a beam ("FOR1") is the body.
    /// </summary>
    public static int EscriptBodyOffset(ReadOnlySpan<byte> bytes)
    {
        int line2 = NextLine(bytes, 0);
        if (line2 < 0)
        {
            throw new BadBeamFormatException(DiagnosticId.NoCompiledCode, bytes.Length, "the escript ends on its \"#!\" line");
        }

        var second = bytes[line2..];
        if (second.StartsWith("%%!"u8))
        {
            return End(bytes, line2);
        }

        if (second.StartsWith("%"u8))
        {
            int line3 = End(bytes, line2);
            return bytes[line3..].StartsWith("%%!"u8) ? End(bytes, line3) : line3;
        }

        return line2;
    }

    private static int NextLine(ReadOnlySpan<byte> bytes, int from)
    {
        int nl = bytes[from..].IndexOf((byte)'\n');
        return nl < 0 ? -1 : from + nl + 1;
    }

    private static int End(ReadOnlySpan<byte> bytes, int from) => NextLine(bytes, from) is var n and >= 0 ? n : bytes.Length;

    private static ImmutableArray<ArchiveMember> ReadZip(byte[] bytes, int offset, ArchiveLimits limits)
    {
        var members = ImmutableArray.CreateBuilder<ArchiveMember>();
        try
        {
            using var stream = new MemoryStream(bytes, offset, bytes.Length - offset, writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            var entries = zip.Entries;
            if (entries.Count > limits.MaxEntries)
            {
                throw new BadBeamFormatException(
                    DiagnosticId.ImplausibleSize, offset, $"the archive lists {entries.Count} entries, more than the limit of {limits.MaxEntries}");
            }

            long total = 0;
            foreach (var entry in entries)
            {
                string name = entry.FullName;
                if (!name.EndsWith(".beam", StringComparison.Ordinal))
                {
                    continue;
                }

                if (UnsafeReason(entry) is { } unsafeReason)
                {
                    members.Add(new ArchiveMember(name, null, new BadBeamFormatException(DiagnosticId.UnsafeMemberName, offset, unsafeReason)));
                    continue;
                }

                members.Add(ReadMember(entry, offset, limits, ref total));
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or ArgumentException)
        {
            // ZipArchive's reports of a damaged central directory; ArgumentException for impossible offsets.
            throw new BadBeamFormatException(DiagnosticId.BadArchive, offset, $"not a readable zip archive: {e.Message}");
        }

        return members.ToImmutable();
    }

    private static ArchiveMember ReadMember(ZipArchiveEntry entry, int offset, ArchiveLimits limits, ref long total)
    {
        string name = entry.FullName;
        try
        {
            // The central directory declares each member's size: one over the limit, or larger than its compressed
            // bytes could inflate to, is refused before inflating; then inflation may produce that many bytes and no
            // more (a lying size is BD0005). Buffers never grow past the declared size, so no bomb leaves garbage
            // of the limit's size behind (docs/reliability.md, memory check).
            long declared = entry.Length;
            if (declared > limits.MaxMemberSize)
            {
                return new ArchiveMember(name, null, new BadBeamFormatException(
                    DiagnosticId.DecompressionLimit, offset, $"the member declares {declared} bytes, over the limit of {limits.MaxMemberSize} bytes"));
            }

            if (declared > (entry.CompressedLength + 2) * Inflater.MaxDeflateRatio)
            {
                return new ArchiveMember(name, null, new BadBeamFormatException(
                    DiagnosticId.BadCompression, offset, $"the member declares {declared} bytes, more than its {entry.CompressedLength} compressed bytes can hold"));
            }

            using var data = entry.Open();
            using var output = new MemoryStream((int)Math.Min(declared, 1 << 20));
            var buffer = new byte[81920];
            int n;
            while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + n > declared)
                {
                    return new ArchiveMember(name, null, new BadBeamFormatException(
                        DiagnosticId.BadCompression, offset, $"the member inflates past the {declared} bytes it declares"));
                }

                if (output.Capacity < declared && output.Length + n > output.Capacity)
                {
                    output.Capacity = (int)Math.Min(declared, Math.Max(output.Capacity * 2L, output.Length + n));
                }

                total += n;
                if (total > limits.MaxTotalSize)
                {
                    throw new BadBeamFormatException(
                        DiagnosticId.DecompressionLimit, offset, $"the archive's members inflate past the limit of {limits.MaxTotalSize} bytes");
                }

                output.Write(buffer, 0, n);
            }

            return new ArchiveMember(name, output.ToArray(), null);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or ArgumentException)
        {
            return new ArchiveMember(name, null, new BadBeamFormatException(DiagnosticId.BadCompression, offset, $"cannot inflate the member: {e.Message}"));
        }
    }

    /// <summary>Why a member could not be extracted safely anywhere (facts.md, zip-slip), or null.</summary>
    private static string? UnsafeReason(ZipArchiveEntry entry)
    {
        // Unix file type in the high half of the external attributes (zip's "version made by" Unix hosts).
        if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
        {
            return "a symbolic link entry; not read";
        }

        return UnsafeName(entry.FullName);
    }

    /// <summary>Why a member name (zip or tar) would write outside a directory another tool extracts it to: an
    /// absolute name, a drive letter, <c>..</c>, NUL or a control character; null when it is safe.</summary>
    public static string? UnsafeName(string name)
    {
        if (name.StartsWith('/') || name.StartsWith('\\') || (name.Length >= 2 && name[1] == ':'))
        {
            return "an absolute member name; not read";
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                return "a member name with NUL or a control character; not read";
            }
        }

        foreach (var part in name.Split('/', '\\'))
        {
            if (part == "..")
            {
                return "a member name with '..'; not read";
            }
        }

        return null;
    }
}
