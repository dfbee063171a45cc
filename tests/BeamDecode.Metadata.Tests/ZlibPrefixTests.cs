using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using BeamDecode.Tests.Shared;

namespace BeamDecode.Metadata.Tests;

/// <summary>
/// <see cref="ZlibPrefix"/> against what it stands in for: a ZLibStream over a MemoryStream read until the buffer is
/// full (DebugInfo's head, LiteralTable's count). Whenever it answers, ZLibStream must give the same bytes without an
/// error, having pulled its first input block and no more (DebugInfo.HeadLength); when it does not, the caller asks
/// ZLibStream, so any answer is safe. Each test also checks that it answers often enough to matter.
/// </summary>
public sealed class ZlibPrefixTests
{
    private static readonly ZLibCompressionStrategy[] Strategies =
    [
        ZLibCompressionStrategy.Default, ZLibCompressionStrategy.Filtered, ZLibCompressionStrategy.HuffmanOnly,
        ZLibCompressionStrategy.RunLengthEncoding, ZLibCompressionStrategy.Fixed,
    ];

    [Fact]
    public void RandomData_AtEveryLevelAndStrategy_GivesWhatZLibStreamGives()
    {
        int asked = 0, answered = 0, storedAnswered = 0, fixedAnswered = 0, validAsked = 0, validDeclined = 0;
        foreach (int size in new[] { 0, 1, 3, 4, 5, 100, 1023, 1024, 1025, 1300, 3000, 9000, 40_000, 100_000 })
        {
            for (int kind = 0; kind < 3; kind++)
            {
                byte[] data = Data(kind, size, seed: size * 7 + kind);
                for (int level = 0; level <= 9; level++)
                {
                    foreach (var strategy in Strategies)
                    {
                        byte[] zlib = Compress(data, level, strategy);
                        foreach (int want in new[] { 1, 4, 1024, 2000 })
                        {
                            asked++;
                            if (Check(zlib, want))
                            {
                                answered++;
                                storedAnswered += level == 0 ? 1 : 0;
                                fixedAnswered += strategy == ZLibCompressionStrategy.Fixed && level > 0 ? 1 : 0;
                                Assert.Equal(data[..want], Prefix(zlib, want));
                            }
                            else if (size >= want + 300 && zlib.Length < ZlibPrefix.InputBlock / 2)
                            {
                                // A valid stream whose prefix lies in the first block is declined only when the
                                // symbol right after the prefix ends its block (zlib would go on to the next one).
                                validDeclined++;
                            }

                            validAsked += size >= want + 300 && zlib.Length < ZlibPrefix.InputBlock / 2 ? 1 : 0;
                        }
                    }
                }
            }
        }

        Assert.True(answered > asked / 2, $"answered {answered} of {asked}");
        Assert.True(storedAnswered > 0 && fixedAnswered > 0, $"stored {storedAnswered}, fixed {fixedAnswered}");
        Assert.True(validAsked > 100 && validDeclined < validAsked / 50, $"declined {validDeclined} of {validAsked} valid streams");
    }

    [Fact]
    public void CorruptedOrTruncatedStreams_AnswerOnlyWhatZLibStreamGives()
    {
        var random = new Random(1951);
        byte[][] samples = [.. Enumerable.Range(0, 12).Select(i => Compress(Data(i % 3, 3000 + 1000 * i, i), i % 10, Strategies[i % 5]))];
        int answered = 0, declined = 0;
        for (int i = 0; i < 30_000; i++)
        {
            byte[] zlib = (byte[])samples[random.Next(samples.Length)].Clone();
            switch (random.Next(5))
            {
                case 0:
                    // A flipped bit in the part a prefix reads: headers, code lengths, first symbols.
                    int at = random.Next(Math.Min(zlib.Length, 700));
                    zlib[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    zlib[random.Next(Math.Min(zlib.Length, 400))] = (byte)random.Next(256);
                    break;
                case 2:
                    zlib = zlib[..random.Next(zlib.Length)];
                    break;
                case 3:
                    for (int k = random.Next(1, 6); k > 0; k--)
                    {
                        zlib[random.Next(zlib.Length)] = (byte)random.Next(256);
                    }

                    break;
                default:
                    // Random bytes behind a valid header, and a header alone.
                    random.NextBytes(zlib.AsSpan(2, random.Next(zlib.Length - 2)));
                    break;
            }

            int want = random.Next(3) switch { 0 => 4, 1 => 1024, _ => random.Next(1, 3000) };
            if (Check(zlib, want))
            {
                answered++;
            }
            else
            {
                declined++;
            }
        }

        Assert.True(answered > 1000 && declined > 1000, $"answered {answered}, declined {declined}");
    }

    [Fact]
    public void HeadersZlibRefusesOrStopsAt_AreLeftToZLibStream()
    {
        byte[] good = Compress(Data(1, 5000, 3), 6, ZLibCompressionStrategy.Default);
        Assert.True(Check(good, 1024));

        // FDICT (zlib asks for a dictionary), a CINFO over 7, another method, a bad FCHECK, and too little input.
        byte[] dictionary = [0x78, 0xBB, .. good.AsSpan(2)];
        Assert.Equal(0, ((dictionary[0] << 8) | dictionary[1]) % 31);
        foreach (byte[] zlib in new[] { dictionary, [0x88, 0x1D, .. good.AsSpan(2)], [0x79, 0xD7, .. good.AsSpan(2)], [0x78, 0x9D, .. good.AsSpan(2)], good[..1], good[..2], [] })
        {
            Assert.False(ZlibPrefix.TryInflate(zlib, new byte[1024]));
            Check(zlib, 1024);
        }
    }

    /// <summary>Hand-made streams for what zlib does after the last byte it has room for: it decodes on until it has to
    /// write (the next block's header after an end of block, the next symbol and its distance), so an error there is
    /// ZLibStream's error, and a distance too far back is not (MATCH stops before checking it).</summary>
    [Theory]
    [InlineData("stored block ends at the prefix, next block type 3", false, true)]
    [InlineData("end of block after the prefix, next block type 3", false, true)]
    [InlineData("literal/length 286 after the prefix", false, true)]
    [InlineData("distance code 30 after the prefix", false, true)]
    [InlineData("distance too far back after the prefix", true, false)]
    [InlineData("literal after the prefix", true, false)]
    [InlineData("stream ends right after the prefix", false, false)]
    [InlineData("match too far back inside the prefix", false, true)]
    [InlineData("stored block goes on after the prefix", true, false)]
    public void AfterThePrefix_ZlibDecodesOn_AndSoDoesTheCheck(string scenario, bool answered, bool zlibFails)
    {
        const int Want = 4;
        var w = new BitWriter();
        w.Bits(0x78, 8);
        w.Bits(0x9C, 8);
        byte[] literals = [10, 20, 30, 40];
        if (scenario.StartsWith("stored", StringComparison.Ordinal))
        {
            int length = scenario.Contains("goes on") ? Want + 3 : Want;
            w.Bits(0, 1);
            w.Bits(0, 2);
            w.Align();
            w.Bits(length, 16);
            w.Bits(~length & 0xFFFF, 16);
            for (int i = 0; i < length; i++)
            {
                w.Bits(i + 1, 8);
            }

            w.Bits(1, 1);
            w.Bits(3, 2);
        }
        else
        {
            bool final = scenario == "stream ends right after the prefix";
            w.Bits(final ? 1 : 0, 1);
            w.Bits(1, 2);
            int count = scenario.Contains("inside") ? Want - 1 : Want;
            for (int i = 0; i < count; i++)
            {
                w.Fixed(literals[i]);
            }

            switch (scenario)
            {
                case "end of block after the prefix, next block type 3":
                    w.Fixed(256);
                    w.Bits(1, 1);
                    w.Bits(3, 2);
                    break;
                case "literal/length 286 after the prefix":
                    w.Fixed(286);
                    break;
                case "distance code 30 after the prefix":
                    w.Fixed(257);
                    w.Code(30, 5);
                    break;
                case "distance too far back after the prefix" or "match too far back inside the prefix":
                    // Distance code 19 (769 + 8 extra bits): far beyond the 4 bytes written.
                    w.Fixed(257);
                    w.Code(19, 5);
                    w.Bits(0, 8);
                    break;
                case "literal after the prefix":
                    w.Fixed(50);
                    w.Fixed(256);
                    break;
                default:
                    w.Fixed(256);
                    w.Align();
                    w.BigEndian(Adler32.Compute(literals));
                    break;
            }
        }

        byte[] zlib = w.ToArray();
        Assert.Equal(answered, ZlibPrefix.TryInflate(zlib, new byte[Want]));
        Assert.Equal(answered, Check(zlib, Want));
        Assert.Equal(zlibFails, Reference(zlib, Want).Error is not null);
    }

    [Fact]
    public void EveryCompressedDebugInfoAndLiteralTable_OfInstalledOtpAndFixtures_GivesWhatZLibStreamGives()
    {
        var files = Directory.EnumerateFiles(Path.Combine(BadInput.Fixtures.RepoRoot, "fixtures", "beam"), "*.beam", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestCorpora.InstalledOtpRoot, "*.beam", SearchOption.AllDirectories));
        int debugInfo = 0, debugInfoAnswered = 0, literals = 0, literalsAnswered = 0;
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            foreach (var (id, data) in Chunks(bytes))
            {
                if (id == "Dbgi" && data.Length >= 6 && data[0] == 131 && data[1] == 80)
                {
                    debugInfo++;
                    debugInfoAnswered += Check(data[6..], 1024) ? 1 : 0;
                }
                else if (id == "LitT" && data.Length >= 4)
                {
                    literals++;
                    literalsAnswered += Check(data[4..], 4) ? 1 : 0;
                }
            }
        }

        Assert.True(debugInfo > 100 && literals > 100, $"{debugInfo} Dbgi, {literals} LitT");
        Assert.True(debugInfoAnswered > debugInfo * 9 / 10, $"answered {debugInfoAnswered} of {debugInfo} Dbgi");
        Assert.True(literalsAnswered > literals * 9 / 10, $"answered {literalsAnswered} of {literals} LitT");
    }

    /// <summary>Asks both; when <see cref="ZlibPrefix"/> answers, ZLibStream must give the same bytes, no error, and
    /// have pulled exactly its first input block. Returns whether it answered.</summary>
    private static bool Check(byte[] zlib, int want)
    {
        var fast = new byte[want];
        bool answered = ZlibPrefix.TryInflate(zlib, fast);
        var (bytes, pulled, error) = Reference(zlib, want);
        if (answered)
        {
            Assert.Null(error);
            Assert.Equal(bytes, fast);
            Assert.Equal(Math.Min(zlib.Length, ZlibPrefix.InputBlock), pulled);
        }

        return answered;
    }

    /// <summary>DebugInfo.Head's loop: ZLibStream reads until <paramref name="want"/> bytes or the end.</summary>
    private static (byte[] Bytes, long Pulled, Exception? Error) Reference(byte[] zlib, int want)
    {
        var input = new MemoryStream(zlib, writable: false);
        var buffer = new byte[want];
        int filled = 0;
        using var z = new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            int n;
            while (filled < want && (n = z.Read(buffer, filled, want - filled)) > 0)
            {
                filled += n;
            }

            return (buffer[..filled], input.Position, null);
        }
        catch (Exception e) when (Inflater.IsCorruptData(e))
        {
            return (buffer[..filled], input.Position, e);
        }
    }

    private static byte[] Prefix(byte[] zlib, int want)
    {
        var output = new byte[want];
        Assert.True(ZlibPrefix.TryInflate(zlib, output));
        return output;
    }

    private static byte[] Compress(byte[] data, int level, ZLibCompressionStrategy strategy)
    {
        var output = new MemoryStream();
        using (var z = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level, CompressionStrategy = strategy }))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Random bytes (kind 0), text with repeats (1), or bytes shaped like external terms: tags, small
    /// integers, atoms (2).</summary>
    private static byte[] Data(int kind, int size, int seed)
    {
        var random = new Random(seed);
        var data = new byte[size];
        if (kind == 0)
        {
            random.NextBytes(data);
            return data;
        }

        string[] words = kind == 1
            ? ["the ", "module ", "function ", "erlang", " ", "\n", "attribute", "export", "(", ")", ", ", "lists:map", "0123"]
            : ["\x68\x03", "\x77\x0Berl_abstract", "\x61\x05", "\x6C\x00\x00\x00\x02", "\x6A", "\x62\x00\x01\x00\x00", "\x77\x04line", "\x6B\x00\x03abc"];
        var text = new StringBuilder();
        while (text.Length < size)
        {
            text.Append(words[random.Next(words.Length)]);
            if (random.Next(20) == 0)
            {
                text.Append((char)random.Next(256));
            }
        }

        Encoding.Latin1.GetBytes(text.ToString(0, size), data);
        return data;
    }

    private static IEnumerable<(string Id, byte[] Data)> Chunks(byte[] file)
    {
        if (file.Length < 12 || !file.AsSpan(0, 4).SequenceEqual("FOR1"u8))
        {
            yield break;
        }

        int p = 12;
        while (p + 8 <= file.Length)
        {
            string id = Encoding.ASCII.GetString(file, p, 4);
            int size = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(p + 4, 4));
            if (size < 0 || p + 8 + size > file.Length)
            {
                yield break;
            }

            yield return (id, file.AsSpan(p + 8, size).ToArray());
            p += 8 + ((size + 3) & ~3);
        }
    }

    /// <summary>Writes a DEFLATE bit stream: fields least significant bit first, Huffman codes most significant first.</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _bit;

        public void Bits(int value, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (_bit == 0)
                {
                    _bytes.Add(0);
                }

                _bytes[^1] |= (byte)(((value >> i) & 1) << _bit);
                _bit = (_bit + 1) & 7;
            }
        }

        public void Code(int code, int length)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                Bits((code >> i) & 1, 1);
            }
        }

        /// <summary>A symbol of the fixed literal/length code (RFC 1951 3.2.6).</summary>
        public void Fixed(int symbol)
        {
            if (symbol < 144)
            {
                Code(0x30 + symbol, 8);
            }
            else if (symbol < 256)
            {
                Code(0x190 + symbol - 144, 9);
            }
            else if (symbol < 280)
            {
                Code(symbol - 256, 7);
            }
            else
            {
                Code(0xC0 + symbol - 280, 8);
            }
        }

        public void Align() => _bit = 0;

        public void BigEndian(uint value)
        {
            Align();
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                _bytes.Add((byte)(value >> shift));
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
