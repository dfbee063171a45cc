using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;
using K4os.Compression.LZ4;

namespace BeamDecode.Forensics.Baselines;

/// <summary>
/// Reads a <c>.bdb</c> file (<see cref="BaselineFormat"/>). Every size is checked before it is believed: the file
/// against <see cref="BaselineFormat.MaxFileSize"/>, a block's sizes against the bytes left, the block limit and
/// LZ4's largest ratio, and LZ4 must produce exactly the declared size; records are read with bounds checks and
/// counts are never used to preallocate. Blocks are inflated and parsed in parallel. Only
/// <see cref="BadBeamFormatException"/> escapes: BD0310 (not a baseline), BD0311 (another version), BD0312
/// (damaged), with the file offset of the block at fault.
/// </summary>
public static class BaselineReader
{
    public static bool LooksLikeBaseline(ReadOnlySpan<byte> head) => head.StartsWith(BaselineFormat.Magic);

    public static Baseline ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length > BaselineFormat.MaxFileSize)
        {
            throw new BadBeamFormatException(DiagnosticId.ImplausibleSize, 0, $"file is {stream.Length} bytes, more than the {BaselineFormat.MaxFileSize}-byte baseline limit");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Read(bytes);
    }

    public static Baseline Read(byte[] bytes)
    {
        if (!LooksLikeBaseline(bytes))
        {
            throw new BadBeamFormatException(DiagnosticId.NotABaseline, 0, "not a beamdecode baseline (no \"BDBL\" magic)");
        }

        if (bytes.Length < 8 || BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)) is var version && version != Baseline.Version)
        {
            throw new BadBeamFormatException(
                DiagnosticId.UnsupportedBaselineVersion, 4, bytes.Length < 8 ? "truncated header" : $"baseline format version {BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4))} (this tool reads version {Baseline.Version})");
        }

        long created;
        string tool;
        int position;
        try
        {
            using var header = new BinaryReader(new MemoryStream(bytes, 8, bytes.Length - 8, writable: false), Encoding.UTF8);
            created = header.ReadInt64();
            tool = header.ReadString();
            position = 8 + (int)header.BaseStream.Position;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, 8, $"damaged header: {e.Message}");
        }

        if (created is < 0 or > 253402300799999)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, 8, "implausible creation time");
        }

        var blocks = new List<(int Offset, int Size, int Compressed)>();
        while (true)
        {
            if (bytes.Length - position < 8)
            {
                throw new BadBeamFormatException(DiagnosticId.BadBaseline, position, "truncated: no end-of-blocks marker");
            }

            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));
            uint compressed = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4));
            if (size == 0 && compressed == 0)
            {
                position += 8;
                break;
            }

            if (compressed > bytes.Length - position - 8)
            {
                throw new BadBeamFormatException(DiagnosticId.BadBaseline, position, $"a block of {compressed} compressed bytes, only {bytes.Length - position - 8} remain");
            }

            if (size == 0 || size > BaselineFormat.MaxBlockSize || size > ((long)compressed * BaselineFormat.MaxRatio) + 64)
            {
                throw new BadBeamFormatException(DiagnosticId.BadBaseline, position, $"a block claiming {size} bytes from {compressed}: past the limits");
            }

            blocks.Add((position, (int)size, (int)compressed));
            position += 8 + (int)compressed;
        }

        if (position != bytes.Length)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, position, $"{bytes.Length - position} byte(s) after the last block");
        }

        var parsed = new ImmutableArray<BaselineModule>[blocks.Count];
        var failures = new BadBeamFormatException?[blocks.Count];
        Parallel.For(0, blocks.Count, i =>
        {
            try
            {
                parsed[i] = ReadBlock(bytes, blocks[i].Offset, blocks[i].Size, blocks[i].Compressed);
            }
            catch (BadBeamFormatException e)
            {
                failures[i] = e;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure;
        }

        int total = parsed.Sum(p => p.Length);
        if (total > BaselineFormat.MaxModules)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, 8, $"more than {BaselineFormat.MaxModules} modules");
        }

        var modules = ImmutableArray.CreateBuilder<BaselineModule>(total);
        foreach (var p in parsed)
        {
            modules.AddRange(p);
        }

        return new Baseline
        {
            CreatedUtc = DateTimeOffset.FromUnixTimeMilliseconds(created).UtcDateTime,
            Tool = tool,
            Modules = modules.MoveToImmutable(),
        };
    }

    private static ImmutableArray<BaselineModule> ReadBlock(byte[] bytes, int offset, int size, int compressed)
    {
        var payload = new byte[size];
        int decoded = LZ4Codec.Decode(bytes.AsSpan(offset + 8, compressed), payload);
        if (decoded != size)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, offset, decoded < 0 ? "corrupt LZ4 data" : $"the block inflates to {decoded} bytes, {size} were declared");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            int count = r.Read7BitEncodedInt();
            if (count < 0 || count > size)
            {
                throw new BadBeamFormatException(DiagnosticId.BadBaseline, offset, $"a block claiming {count} modules");
            }

            var modules = ImmutableArray.CreateBuilder<BaselineModule>(Math.Min(count, 4096));
            for (int i = 0; i < count; i++)
            {
                modules.Add(ReadModule(r, offset, size));
            }

            if (r.BaseStream.Position != size)
            {
                throw new BadBeamFormatException(DiagnosticId.BadBaseline, offset, "bytes after the block's last module");
            }

            return modules.ToImmutable();
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException or ArgumentException or OverflowException)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, offset, $"a damaged module record: {e.Message}");
        }
    }

    private static BaselineModule ReadModule(BinaryReader r, int offset, int size)
    {
        string module = r.ReadString();
        string path = r.ReadString();
        string md5 = r.ReadString();
        string debugInfo = r.ReadString();
        string chunk = r.ReadString();
        int abstractLength = r.Read7BitEncodedInt();
        if (abstractLength < 0 || abstractLength > size)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, offset, $"module {module}: abstract code of {abstractLength} bytes in a block of {size}");
        }

        byte[] abstractCode = r.ReadBytes(abstractLength);
        if (abstractCode.Length != abstractLength)
        {
            throw new EndOfStreamException("abstract code cut short");
        }

        int functionCount = r.Read7BitEncodedInt();
        if (functionCount < 0 || functionCount > size)
        {
            throw new BadBeamFormatException(DiagnosticId.BadBaseline, offset, $"module {module}: {functionCount} functions in a block of {size} bytes");
        }

        var functions = ImmutableArray.CreateBuilder<BaselineFunction>(Math.Min(functionCount, 4096));
        for (int i = 0; i < functionCount; i++)
        {
            string name = r.ReadString();
            int arity = r.Read7BitEncodedInt();
            byte[] fingerprint = r.ReadBytes(16);
            if (fingerprint.Length != 16)
            {
                throw new EndOfStreamException("fingerprint cut short");
            }

            int instructions = r.Read7BitEncodedInt();
            string? code = r.ReadBoolean() ? r.ReadString() : null;
            functions.Add(new BaselineFunction(name, arity, Convert.ToHexStringLower(fingerprint), instructions, code));
        }

        return new BaselineModule(module, path, md5.Length == 0 ? null : md5, debugInfo, chunk, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(abstractCode), functions.ToImmutable());
    }
}
