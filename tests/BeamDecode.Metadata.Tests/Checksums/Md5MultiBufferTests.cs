using System.Security.Cryptography;

namespace BeamDecode.Metadata.Tests.Checksums;

/// <summary>
/// <see cref="Md5MultiBuffer"/> against the platform's MD5 (<see cref="MD5.HashData(byte[])"/>): every length class of
/// RFC 1321's padding, messages split into segments at every place around block boundaries, lanes of unequal lengths,
/// more messages than lanes, in both lane widths.
/// </summary>
public sealed class Md5MultiBufferTests
{
    public static TheoryData<int> Widths => [4, 8];

    [Theory]
    [MemberData(nameof(Widths))]
    public void LengthsAroundEveryPaddingCase_EqualTheSingleMessageMd5(int width)
    {
        // 55: padding and length fit the last block; 56..63: they need one more; 64: a block of padding alone.
        int[] lengths = [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 55, 56, 57, 62, 63, 64, 65, 119, 120, 121, 127, 128, 129, 191, 192, 193, 1000, 4095, 4096, 4097, 65_537, 1_000_003];
        var random = new Random(1321);
        var messages = lengths.Select(n => Random(random, n)).ToArray();
        CheckContiguous(messages, width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void SplitInTwoAtEveryPosition_EqualsTheWholeMessageMd5(int width)
    {
        // Every split of messages a few blocks long, and a three-way split around each block boundary: the lane
        // staging a block that straddles segments, or the padding, must give the bytes in order.
        var random = new Random(7);
        var source = new List<byte>();
        var segments = new List<Range>();
        var counts = new List<int>();
        var expected = new List<byte[]>();
        foreach (int length in new[] { 63, 64, 65, 130, 200 })
        {
            var message = Random(random, length);
            for (int split = 0; split <= length; split++)
            {
                AddMessage(source, segments, counts, [message[..split], message[split..]]);
                expected.Add(MD5.HashData(message));
            }

            for (int first = 50; first <= Math.Min(length, 70); first++)
            {
                for (int second = first; second <= Math.Min(length, first + 70); second += 7)
                {
                    AddMessage(source, segments, counts, [message[..first], message[first..second], message[second..]]);
                    expected.Add(MD5.HashData(message));
                }
            }
        }

        Check([.. source], [.. segments], [.. counts], expected, width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ManyMessagesOfUnequalLengthsInScatteredSegments_EachGetsItsOwnDigest(int width)
    {
        // 300 messages (far more than eight lanes), lengths from empty to a few blocks and a few long ones, each in up
        // to five segments (empty ones among them), laid out in the source in reverse and with gaps: a lane that took
        // another's segment, or kept its state, gives a wrong digest.
        var random = new Random(25);
        var parts = new List<(int Message, byte[] Bytes)>();
        var expected = new List<byte[]>();
        var counts = new List<int>();
        for (int m = 0; m < 300; m++)
        {
            int length = m % 37 == 0 ? random.Next(10_000, 70_000) : random.Next(0, 400);
            var message = Random(random, length);
            expected.Add(MD5.HashData(message));
            int pieces = random.Next(0, 6);
            if (length > 0 && pieces == 0)
            {
                pieces = 1;
            }

            var cuts = Enumerable.Range(0, Math.Max(pieces - 1, 0)).Select(_ => random.Next(0, length + 1)).Order().ToList();
            int from = 0;
            foreach (int cut in cuts.Append(length).Take(pieces))
            {
                parts.Add((m, message[from..cut]));
                from = cut;
            }

            counts.Add(pieces);
        }

        // Segments listed in message order, stored in the source back to front with 3 bytes of junk between them.
        var source = new List<byte>();
        var placed = new Range[parts.Count];
        for (int i = parts.Count - 1; i >= 0; i--)
        {
            source.AddRange(Random(random, 3));
            placed[i] = new Range(source.Count, source.Count + parts[i].Bytes.Length);
            source.AddRange(parts[i].Bytes);
        }

        Check([.. source], placed, [.. counts], expected, width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MessagesOfEqualLengthAndDifferentBytes_AreNotMixedUp(int width)
    {
        // Nine messages of the same length (so all lanes finish on the same block) that differ only in their first
        // byte: a lane's digest written to another message's place, or lanes transposed, shows.
        var random = new Random(3);
        var common = Random(random, 300);
        var messages = Enumerable.Range(0, 9).Select(i => { var m = (byte[])common.Clone(); m[0] = (byte)i; return m; }).ToArray();
        CheckContiguous(messages, width);

        // A long first message keeps its lane while the others are refilled around it, and is finished alone.
        messages[0] = Random(random, 50_000);
        CheckContiguous(messages, width);
    }

    [Fact]
    public void RfcTestSuite_GivesTheRfcDigests()
    {
        // RFC 1321 appendix A.5.
        string[] inputs = ["", "a", "abc", "message digest", "abcdefghijklmnopqrstuvwxyz",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890"];
        string[] digests = ["d41d8cd98f00b204e9800998ecf8427e", "0cc175b9c0f1b6a831c399e269772661", "900150983cd24fb0d6963f7d28e17f72",
            "f96b697d7cb7938d525a2f31aaf161d0", "c3fcd3d76192e4007dfb496cca67e13b", "d174ab98d277d9f5a5611c2c9f419d9f",
            "57edf4a22be3c955ac49da2e2107b67a"];
        var messages = inputs.Select(System.Text.Encoding.ASCII.GetBytes).ToArray();
        var (source, ranges) = Concatenate(messages);
        var output = new byte[messages.Length * Md5MultiBuffer.DigestLength];
        Md5MultiBuffer.HashData(source, ranges, output);
        for (int i = 0; i < digests.Length; i++)
        {
            Assert.Equal(digests[i], Convert.ToHexStringLower(output.AsSpan(i * 16, 16)));
        }
    }

    [Fact]
    public void CountsThatDoNotAddUpToTheSegments_AreRefused()
    {
        var output = new byte[32];
        Assert.Throws<ArgumentException>(() => Md5MultiBuffer.HashData(new byte[10], [0..5, 5..10], [1], output));
        Assert.Throws<ArgumentOutOfRangeException>(() => Md5MultiBuffer.HashData(new byte[10], [0..11], output));
        Assert.Throws<ArgumentOutOfRangeException>(() => Md5MultiBuffer.HashData(new byte[10], [0..5, 5..10], output.AsSpan(0, 31)));
    }

    private static void CheckContiguous(byte[][] messages, int width)
    {
        var (source, ranges) = Concatenate(messages);
        Check(source, ranges, [], messages.Select(MD5.HashData).ToList(), width);
    }

    private static void Check(byte[] source, Range[] segments, int[] counts, List<byte[]> expected, int width)
    {
        var output = new byte[expected.Count * Md5MultiBuffer.DigestLength];
        Md5MultiBuffer.HashData(source, segments, counts, output, width);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(
                expected[i].AsSpan().SequenceEqual(output.AsSpan(i * 16, 16)),
                $"message {i}: {Convert.ToHexStringLower(output.AsSpan(i * 16, 16))}, expected {Convert.ToHexStringLower(expected[i])}");
        }
    }

    private static void AddMessage(List<byte> source, List<Range> segments, List<int> counts, byte[][] pieces)
    {
        foreach (var piece in pieces)
        {
            segments.Add(new Range(source.Count, source.Count + piece.Length));
            source.AddRange(piece);
        }

        counts.Add(pieces.Length);
    }

    private static (byte[] Source, Range[] Ranges) Concatenate(byte[][] messages)
    {
        var source = new List<byte>();
        var ranges = new Range[messages.Length];
        for (int i = 0; i < messages.Length; i++)
        {
            ranges[i] = new Range(source.Count, source.Count + messages[i].Length);
            source.AddRange(messages[i]);
        }

        return ([.. source], ranges);
    }

    private static byte[] Random(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
