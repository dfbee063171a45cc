using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace BeamDecode.Metadata.Tests.Terms;

/// <summary>
/// Builds external term format bytes by hand (erts/doc "External Term Format"), so each test shows the exact
/// vector it feeds the reader. Everything is big-endian, as the format is.
/// </summary>
internal sealed class Ext
{
    private readonly List<byte> _bytes = [];

    /// <summary>Starts a term with the version byte 131.</summary>
    public static Ext Term() => new Ext().U8(131);

    public int Length => _bytes.Count;

    public Ext U8(int v)
    {
        _bytes.Add((byte)v);
        return this;
    }

    public Ext U16(int v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        return Raw(b);
    }

    public Ext U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return Raw(b);
    }

    public Ext U64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, v);
        return Raw(b);
    }

    public Ext F64(double v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, v);
        return Raw(b);
    }

    public Ext Raw(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            _bytes.Add(b);
        }

        return this;
    }

    public Ext Raw(Ext other) => Raw(other.ToArray());

    public Ext Repeat(byte value, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _bytes.Add(value);
        }

        return this;
    }

    /// <summary>SMALL_INTEGER_EXT.</summary>
    public Ext Small(int v) => U8(97).U8(v);

    /// <summary>INTEGER_EXT.</summary>
    public Ext Int(int v) => U8(98).U32((uint)v);

    /// <summary>SMALL_ATOM_UTF8_EXT.</summary>
    public Ext Atom(string name)
    {
        byte[] text = Encoding.UTF8.GetBytes(name);
        return U8(119).U8(text.Length).Raw(text);
    }

    public Ext Nil() => U8(106);

    /// <summary>NEW_PID_EXT.</summary>
    public Ext Pid(string node, uint id, uint serial, uint creation) => U8(88).Atom(node).U32(id).U32(serial).U32(creation);

    public byte[] ToArray() => [.. _bytes];

    public static implicit operator byte[](Ext ext) => ext.ToArray();

    public static byte[] Zlib(ReadOnlySpan<byte> data)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }
}
