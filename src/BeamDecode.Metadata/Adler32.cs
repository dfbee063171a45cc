using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BeamDecode.Metadata;

/// <summary>
/// RFC 1950's Adler-32, the trailer of every zlib stream (LitT, compressed terms, Dbgi): <see cref="Inflater"/> checks
/// it over every inflated byte, as zlib's uncompress does. The byte-at-a-time loop was 2.4% of `beamdecode source`;
/// with AVX2 each 32-byte block (with SSSE3 each 16-byte block) is summed in a few instructions (the method of
/// zlib-ng's adler32_avx2: the plain sum with SAD against zero, the position-weighted sum with two multiply-add steps).
/// </summary>
public static class Adler32
{
    private const uint Mod = 65521;

    /// <summary>The most bytes that can be summed before b could overflow 32 bits (zlib's NMAX).</summary>
    private const int NMax = 5552;

    private const int Block = 32;

    public static uint Compute(ReadOnlySpan<byte> data) =>
        // Native AOT compiles for the x86-64-v2 baseline, where Avx2.IsSupported is false whatever the machine: the
        // same sums over 16-byte blocks with SSSE3, which that baseline has.
        Avx2.IsSupported ? Vectorized(data, Block) : Ssse3.IsSupported ? Vectorized(data, HalfBlock) : Scalar(data, 1, 0);

    /// <summary>Whole blocks of <paramref name="block"/> bytes (32: AVX2, 16: SSSE3), at most NMax bytes between two
    /// reductions, then the rest byte by byte.</summary>
    private static uint Vectorized(ReadOnlySpan<byte> data, int block)
    {
        uint a = 1, b = 0;
        int chunk = NMax / block * block;
        while (data.Length >= block)
        {
            int n = Math.Min(data.Length, chunk) & ~(block - 1);
            (a, b) = block == Block ? Blocks(data[..n], a, b) : HalfBlocks(data[..n], a, b);
            data = data[n..];
        }

        return Scalar(data, a, b);
    }

    private const int HalfBlock = 16;

    private static (uint A, uint B) HalfBlocks(ReadOnlySpan<byte> data, uint a, uint b)
    {
        var weights = Vector128.Create((sbyte)16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        var ones = Vector128.Create((short)1);
        var s1 = Vector128.CreateScalar(a);
        var s2 = Vector128.CreateScalar(b);
        var s1Before = Vector128<uint>.Zero;
        for (int i = 0; i + HalfBlock <= data.Length; i += HalfBlock)
        {
            var bytes = Vector128.Create(data.Slice(i, HalfBlock));
            s1Before += s1;
            s1 += Sse2.SumAbsoluteDifferences(bytes, Vector128<byte>.Zero).AsUInt32();
            var pairs = Ssse3.MultiplyAddAdjacent(bytes, weights);
            s2 += Sse2.MultiplyAddAdjacent(pairs, ones).AsUInt32();
        }

        s2 += Sse2.ShiftLeftLogical(s1Before, 4);
        return (Vector128.Sum(s1) % Mod, Vector128.Sum(s2) % Mod);
    }

    private static (uint A, uint B) Blocks(ReadOnlySpan<byte> data, uint a, uint b)
    {
        // Weights 32, 31, ..., 1: byte i of a block adds (32 - i) times itself to b.
        var weights = Vector256.Create(
            (sbyte)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
            16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        var ones = Vector256.Create((short)1);
        var s1 = Vector256.CreateScalar(a);
        var s2 = Vector256.CreateScalar(b);
        var s1Before = Vector256<uint>.Zero; // the sum of a before each block: each adds 32 a to b
        for (int i = 0; i + Block <= data.Length; i += Block)
        {
            var bytes = Vector256.Create(data.Slice(i, Block));
            s1Before += s1;
            s1 += Avx2.SumAbsoluteDifferences(bytes, Vector256<byte>.Zero).AsUInt32();
            var pairs = Avx2.MultiplyAddAdjacent(bytes, weights);
            s2 += Avx2.MultiplyAddAdjacent(pairs, ones).AsUInt32();
        }

        s2 += Avx2.ShiftLeftLogical(s1Before, 5);
        return (Vector256.Sum(s1) % Mod, Vector256.Sum(s2) % Mod);
    }

    private static uint Scalar(ReadOnlySpan<byte> data, uint a, uint b)
    {
        while (!data.IsEmpty)
        {
            int n = Math.Min(data.Length, NMax);
            foreach (byte x in data[..n])
            {
                a += x;
                b += a;
            }

            a %= Mod;
            b %= Mod;
            data = data[n..];
        }

        return (b << 16) | a;
    }

    /// <summary>The byte-at-a-time definition, kept for the tests that compare the two.</summary>
    internal static uint Reference(ReadOnlySpan<byte> data) => Scalar(data, 1, 0);

    /// <summary>The SSSE3 path alone (what the Native AOT build runs), for the tests: 0 when SSSE3 is missing.</summary>
    internal static uint Ssse3Only(ReadOnlySpan<byte> data) => Ssse3.IsSupported ? Vectorized(data, HalfBlock) : 0;
}
