using System.Text;

namespace BeamDecode.Metadata;

internal static class ChunkText
{
    /// <summary>Chunk ids are four raw bytes; read them as Latin-1 so every id round-trips. The ids OTP writes are the
    /// shared <see cref="ChunkId"/> strings (no string per chunk of every module read).</summary>
    public static string FromBytes(ReadOnlySpan<byte> id)
    {
        if (id.Length == 4)
        {
            uint key = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(id);
            var keys = KnownKeys;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key)
                {
                    return Known[i];
                }
            }
        }

        return Encoding.Latin1.GetString(id);
    }

    /// <summary>The ids of OTP's chunks, most frequent first.</summary>
    private static readonly string[] Known =
    [
        ChunkId.AtU8, ChunkId.Code, ChunkId.StrT, ChunkId.ImpT, ChunkId.ExpT, ChunkId.FunT, ChunkId.LitT, ChunkId.Meta,
        ChunkId.LocT, ChunkId.Attr, ChunkId.CInf, ChunkId.Dbgi, ChunkId.Line, ChunkId.Type, ChunkId.Docs, ChunkId.ExCk,
        ChunkId.Atom, ChunkId.Abst, ChunkId.DbgB, ChunkId.Recs,
    ];

    private static readonly uint[] KnownKeys = Array.ConvertAll(
        Known, static k => (uint)k[0] | ((uint)k[1] << 8) | ((uint)k[2] << 16) | ((uint)k[3] << 24));

    public static string Printable(string id)
    {
        foreach (char c in id)
        {
            if (c < 0x20 || c > 0x7e)
            {
                var sb = new StringBuilder();
                foreach (char d in id)
                {
                    if (d < 0x20 || d > 0x7e || d == '\\')
                    {
                        sb.Append("\\x").Append(((int)d).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(d);
                    }
                }

                return sb.ToString();
            }
        }

        return id;
    }
}
