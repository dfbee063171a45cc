using System.Text;
using BeamDecode.Metadata;

namespace BeamDecode.Metadata.Tests;

public sealed class Adler32Tests
{
    [Fact]
    public void Wikipedia_GivesTheRfcExampleValue() =>
        Assert.Equal(0x11E60398u, Adler32.Compute(Encoding.ASCII.GetBytes("Wikipedia")));

    [Fact]
    public void Empty_IsOne() => Assert.Equal(1u, Adler32.Compute([]));

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(5535)]
    [InlineData(5536)]
    [InlineData(5552)]
    [InlineData(5553)]
    [InlineData(11_104)]
    [InlineData(100_000)]
    [InlineData(1_000_003)]
    public void AnyLength_EqualsTheBytewiseDefinition(int length)
    {
        var random = new Random(length);
        var data = new byte[length];
        random.NextBytes(data);
        Assert.Equal(Adler32.Reference(data), Adler32.Compute(data));
        Assert.Equal(Adler32.Reference(data), Adler32.Ssse3Only(data));

        // All 0xFF is the worst case for the sums' growth between two reductions.
        Array.Fill(data, (byte)0xFF);
        Assert.Equal(Adler32.Reference(data), Adler32.Compute(data));
        Assert.Equal(Adler32.Reference(data), Adler32.Ssse3Only(data));
    }

    [Fact]
    public void UnalignedSlices_EqualTheBytewiseDefinition()
    {
        var data = new byte[70_000];
        new Random(7).NextBytes(data);
        for (int start = 0; start < 40; start += 3)
        {
            var slice = data.AsSpan(start, data.Length - 2 * start);
            Assert.Equal(Adler32.Reference(slice), Adler32.Compute(slice));
            Assert.Equal(Adler32.Reference(slice), Adler32.Ssse3Only(slice));
        }
    }
}
