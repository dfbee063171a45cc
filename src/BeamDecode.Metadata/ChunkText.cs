using System.Text;

namespace BeamDecode.Metadata;

internal static class ChunkText
{
    /// <summary>Chunk ids are four raw bytes; read them as Latin-1 so every id round-trips.</summary>
    public static string FromBytes(ReadOnlySpan<byte> id) => Encoding.Latin1.GetString(id);

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
