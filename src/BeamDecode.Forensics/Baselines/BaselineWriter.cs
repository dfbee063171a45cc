using System.Buffers.Binary;
using System.Text;
using K4os.Compression.LZ4;

namespace BeamDecode.Forensics.Baselines;

/// <summary>Writes a <see cref="Baseline"/> as a <c>.bdb</c> file (<see cref="BaselineFormat"/>).</summary>
public static class BaselineWriter
{
    public static void Write(Stream output, Baseline baseline)
    {
        using (var header = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(BaselineFormat.Magic);
            header.Write((ushort)Baseline.Version);
            header.Write((ushort)0);
            header.Write(new DateTimeOffset(baseline.CreatedUtc, TimeSpan.Zero).ToUnixTimeMilliseconds());
            header.Write(baseline.Tool);
        }

        var pending = new MemoryStream();
        var pendingWriter = new BinaryWriter(pending, Encoding.UTF8);
        int count = 0;
        foreach (var module in baseline.Modules)
        {
            WriteModule(pendingWriter, module);
            count++;
            if (pending.Length >= BaselineFormat.TargetBlockSize)
            {
                Flush(output, pending, count);
                count = 0;
            }
        }

        if (count > 0)
        {
            Flush(output, pending, count);
        }

        Span<byte> end = stackalloc byte[8];
        end.Clear();
        output.Write(end);
    }

    private static void Flush(Stream output, MemoryStream pending, int count)
    {
        var payload = new MemoryStream((int)pending.Length + 5);
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write7BitEncodedInt(count);
            w.Write(pending.GetBuffer(), 0, (int)pending.Length);
        }

        var source = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var target = new byte[LZ4Codec.MaximumOutputSize(source.Length)];
        int compressed = LZ4Codec.Encode(source, target, LZ4Level.L00_FAST);
        Span<byte> sizes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(sizes, (uint)source.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(sizes[4..], (uint)compressed);
        output.Write(sizes);
        output.Write(target, 0, compressed);
        pending.SetLength(0);
    }

    private static void WriteModule(BinaryWriter w, BaselineModule m)
    {
        w.Write(m.Module);
        w.Write(m.Path);
        w.Write(m.Md5Hex ?? "");
        w.Write(m.DebugInfo);
        w.Write(m.AbstractCodeChunk);
        w.Write7BitEncodedInt(m.AbstractCode.Length);
        w.Write(m.AbstractCode.AsSpan());
        w.Write7BitEncodedInt(m.Functions.Length);
        foreach (var f in m.Functions)
        {
            w.Write(f.Name);
            w.Write7BitEncodedInt(f.Arity);
            w.Write(Convert.FromHexString(f.Fingerprint));
            w.Write7BitEncodedInt(f.Instructions);
            w.Write(f.Code is not null);
            if (f.Code is not null)
            {
                w.Write(f.Code);
            }
        }
    }
}
