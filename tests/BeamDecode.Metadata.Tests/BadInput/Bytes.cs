using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>A small big-endian byte writer for hand-made chunk data and external-format terms.</summary>
internal sealed class Bytes
{
    private readonly MemoryStream _ms = new();

    public int Length => (int)_ms.Length;

    public Bytes U8(int v)
    {
        _ms.WriteByte((byte)v);
        return this;
    }

    public Bytes U16(int v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        _ms.Write(b);
        return this;
    }

    public Bytes U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        _ms.Write(b);
        return this;
    }

    public Bytes I32(int v) => U32((uint)v);

    public Bytes Raw(ReadOnlySpan<byte> data)
    {
        _ms.Write(data);
        return this;
    }

    public Bytes Repeat(byte value, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _ms.WriteByte(value);
        }

        return this;
    }

    /// <summary>SMALL_ATOM_UTF8_EXT.</summary>
    public Bytes Atom(string name)
    {
        byte[] text = Encoding.UTF8.GetBytes(name);
        return U8(119).U8(text.Length).Raw(text);
    }

    public byte[] ToArray() => _ms.ToArray();

    public static byte[] Zlib(ReadOnlySpan<byte> data)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>A LitT chunk: declared size, then zlib of (count, then size + term per literal).</summary>
    public static byte[] LiteralChunk(uint declaredSize, byte[] inflated) =>
        new Bytes().U32(declaredSize).Raw(Zlib(inflated)).ToArray();

    public static byte[] LiteralChunk(byte[] inflated) => LiteralChunk((uint)inflated.Length, inflated);
}
