using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Tests.Terms;

/// <summary>The cache compares short names by their key words alone: a name that differs from a cached one in any
/// single byte, at any length, must never be given the cached one's text.</summary>
public sealed class AtomCacheTests
{
    [Fact]
    public void NameDifferingInOneByte_IsNeverGivenTheCachedText()
    {
        var cache = new AtomCache<string>();
        var random = new Random(42);
        for (int n = 1; n <= 32; n++)
        {
            var bytes = new byte[n];
            for (int i = 0; i < n; i++)
            {
                bytes[i] = (byte)random.Next('a', 'z' + 1);
            }

            string text = Encoding.ASCII.GetString(bytes);
            Assert.Null(cache.Find(bytes, out int slot));
            cache.Add(slot, bytes, text);
            Assert.Same(text, cache.Find(bytes, out _));

            for (int i = 0; i < n; i++)
            {
                var other = (byte[])bytes.Clone();
                other[i] = (byte)(other[i] == 'q' ? 'r' : 'q');
                Assert.NotSame(text, cache.Find(other, out _));
            }

            // One byte longer or shorter, same prefix.
            Assert.NotSame(text, cache.Find([.. bytes, (byte)'x'], out _));
            Assert.NotSame(text, cache.Find(bytes.AsSpan(0, n - 1), out _));
        }
    }

    [Fact]
    public void NonAsciiName_IsNotCached()
    {
        var cache = new AtomCache<string>();
        byte[] name = Encoding.UTF8.GetBytes("été");
        Assert.Null(cache.Find(name, out int slot));
        cache.Add(slot, name, "été");
        Assert.Null(cache.Find(name, out _));
    }

    [Fact]
    public void NameLongerThanTheWidth_IsNotCacheable()
    {
        var cache = new AtomCache<string>();
        Assert.Null(cache.Find(new byte[33], out int slot));
        Assert.Equal(-1, slot);
    }

    [Fact]
    public void NameInsideOtherBytes_IsFoundAsTheNameAlone_WhateverSurroundsIt()
    {
        var cache = new AtomCache<string>();
        var random = new Random(5);
        for (int n = 1; n <= 32; n++)
        {
            var name = new byte[n];
            for (int i = 0; i < n; i++)
            {
                name[i] = (byte)random.Next('a', 'z' + 1);
            }

            string text = Encoding.ASCII.GetString(name);
            Assert.Null(cache.Find(name, out int slot));
            cache.Add(slot, name, text);

            // The same bytes at the start, the end and the middle of a buffer of random bytes: found, in the same slot.
            foreach (int before in new[] { 0, 3, 9 })
            {
                foreach (int after in new[] { 0, 2, 11 })
                {
                    var data = new byte[before + n + after];
                    random.NextBytes(data);
                    name.CopyTo(data, before);
                    Assert.Same(text, cache.Find(data, before, n, out int at));
                    Assert.Equal(slot, at);

                    // And one byte of the name changed there: never the cached text.
                    data[before + random.Next(n)] ^= 0x01;
                    Assert.NotSame(text, cache.Find(data, before, n, out _));
                }
            }
        }
    }
}
