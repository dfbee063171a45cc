using System.Numerics;
using BeamDecode.Metadata.Code;

namespace BeamDecode.Metadata.Tests.Code;

/// <summary>
/// The disassembler's inlined compact-term reader (OperandReader.ReadTagged) agrees with the general one
/// (CompactTermReader.ReadTagged) on every value form, byte for byte: same tag, value, bignum and bytes consumed,
/// or the same exception.
/// </summary>
public sealed class FastCompactReaderTests
{
    [Fact]
    public void EveryTagAndLength_ReadsTheSameAsTheGeneralReader()
    {
        var random = new Random(7);
        var values = new List<BigInteger> { 0, 1, 15, 16, 2047, 2048, 65535, -1, -128, -129, -32768, -32769, long.MaxValue, long.MinValue, ulong.MaxValue };
        for (int bits = 1; bits <= 80; bits++)
        {
            values.Add(BigInteger.One << bits);
            values.Add((BigInteger.One << bits) - 1);
            values.Add(-(BigInteger.One << bits));
        }

        for (int tag = 0; tag < 7; tag++)
        {
            foreach (var v in values)
            {
                if (v < 0 && tag != CodeBuilder.TagI)
                {
                    continue;
                }

                Compare(new CodeBuilder().Tagged(tag, v).Raw(0x10).CodeBytes());
            }
        }

        for (int round = 0; round < 20000; round++)
        {
            byte[] bytes = new byte[1 + random.Next(12)];
            random.NextBytes(bytes);
            Compare(bytes);
        }
    }

    private static void Compare(byte[] bytes)
    {
        var (expected, expectedUsed, expectedError) = Read(bytes, general: true);
        var (actual, actualUsed, actualError) = Read(bytes, general: false);
        Assert.Equal(expectedError, actualError);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedUsed, actualUsed);
    }

    private static (CompactNumber? Value, int Used, string? Error) Read(byte[] bytes, bool general)
    {
        var r = new BeamReader(bytes);
        try
        {
            var n = general ? CompactTermReader.ReadTagged(ref r) : OperandReader.ReadTagged(ref r);
            return (n, r.Position, null);
        }
        catch (BadBeamFormatException e)
        {
            return (null, 0, e.Id);
        }
    }
}
