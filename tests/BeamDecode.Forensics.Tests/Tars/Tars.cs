using System.IO.Compression;
using System.Text;

namespace BeamDecode.Forensics.Tests.Tars;

/// <summary>Builds ustar archives byte by byte for tests, so that hostile headers (bad checksums, lying sizes,
/// traversal names, links) can be made as well as good ones.</summary>
internal static class Tars
{
    public static byte[] Header(string name, long size, char type = '0', string? fixChecksum = null)
    {
        var h = new byte[512];
        Encoding.UTF8.GetBytes(name).AsSpan(0, Math.Min(100, Encoding.UTF8.GetByteCount(name))).CopyTo(h);
        Octal(h, 100, 8, 420);
        Octal(h, 108, 8, 0);
        Octal(h, 116, 8, 0);
        Octal(h, 124, 12, size);
        Octal(h, 136, 12, 0);
        h[156] = (byte)type;
        "ustar\0"u8.CopyTo(h.AsSpan(257));
        "00"u8.CopyTo(h.AsSpan(263));
        "        "u8.CopyTo(h.AsSpan(148));
        long sum = 0;
        foreach (byte b in h)
        {
            sum += b;
        }

        Octal(h, 148, 7, fixChecksum is null ? sum : sum + 1);
        return h;
    }

    public static byte[] Create(params (string Name, byte[] Data)[] entries) =>
        Raw(entries.Select(e => (Header(e.Name, e.Data.Length), e.Data)).ToArray());

    /// <summary>Headers and data as given (data padded to 512), then the two zero blocks.</summary>
    public static byte[] Raw(params (byte[] Header, byte[] Data)[] entries)
    {
        using var s = new MemoryStream();
        foreach (var (header, data) in entries)
        {
            s.Write(header);
            s.Write(data);
            s.Write(new byte[(512 - (data.Length % 512)) % 512]);
        }

        s.Write(new byte[1024]);
        return s.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var s = new MemoryStream();
        using (var z = new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(data);
        }

        return s.ToArray();
    }

    private static void Octal(byte[] h, int at, int width, long value)
    {
        string text = Convert.ToString(value, 8).PadLeft(width - 1, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(h, at);
        h[at + width - 1] = 0;
    }
}
