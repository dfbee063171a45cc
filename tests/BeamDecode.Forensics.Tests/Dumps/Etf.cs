using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace BeamDecode.Forensics.Tests.Dumps;

/// <summary>
/// A small external term format encoder for building dumps in tests (the tags are those of erts'
/// "External Term Format"; terms as term_to_binary/1 would write them, minus the cases tests do not need).
/// Each method returns the encoding of one term without the version byte; <see cref="Versioned"/> adds it.
/// </summary>
internal static class Etf
{
    public static byte[] Versioned(byte[] term) => [131, .. term];

    /// <summary>term_to_binary(T, [compressed]): tag 80, the uncompressed size, a zlib stream.</summary>
    public static byte[] Compressed(byte[] term)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(term);
        }

        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)term.Length);
        return [131, 80, .. size, .. buffer.ToArray()];
    }

    public static byte[] Atom(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        return [119, (byte)utf8.Length, .. utf8];
    }

    public static byte[] Int(int value)
    {
        if (value is >= 0 and <= 255)
        {
            return [97, (byte)value];
        }

        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return [98, .. b];
    }

    public static byte[] Tuple(params byte[][] elements) => [104, (byte)elements.Length, .. elements.SelectMany(e => e)];

    public static byte[] Nil() => [106];

    public static byte[] List(params byte[][] elements) =>
        elements.Length == 0 ? Nil() : [108, .. Be32(elements.Length), .. elements.SelectMany(e => e), 106];

    /// <summary>A string as a list of code points (what erlang:system_info(otp_release) returns).</summary>
    public static byte[] Chars(string s) => List(s.Select(c => Int(c)).ToArray());

    public static byte[] Binary(byte[] data) => [109, .. Be32(data.Length), .. data];

    public static byte[] Map(params (string Key, byte[] Value)[] pairs) =>
        [116, .. Be32(pairs.Length), .. pairs.SelectMany(p => Atom(p.Key).Concat(p.Value))];

    /// <summary>One module entry as the collector writes it.</summary>
    public static byte[] Module(string name, byte[]? objectCode, string? unavailable = "not_a_file") =>
        Map(
            ("module", Atom(name)),
            ("loaded_as", Chars("/x/" + name + ".beam")),
            ("path", Chars("/x/" + name + ".beam")),
            ("md5", Binary(new byte[16])),
            ("status", Atom("loaded")),
            ("old_code", Atom("false")),
            ("object_code", objectCode is null ? Tuple(Atom("unavailable"), Atom(unavailable!)) : Tuple(Atom("ok"), Binary(objectCode))));

    /// <summary>{beamdecode_dump, 1, #{node, otp_release, time, modules}}.</summary>
    public static byte[] Dump(params byte[][] modules) =>
        Tuple(
            Atom("beamdecode_dump"),
            Int(1),
            Map(
                ("node", Atom("n@h")),
                ("otp_release", Chars("25")),
                ("time", Tuple(Tuple(Int(2026), Int(11), Int(25)), Tuple(Int(12), Int(0), Int(1)))),
                ("modules", List(modules))));

    private static byte[] Be32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }
}
