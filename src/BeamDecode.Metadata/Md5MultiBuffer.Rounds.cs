using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BeamDecode.Metadata;

/// <summary>
/// The compression function of RFC 1321 (section 3.4) on four messages at once, one per 32-bit lane of a
/// <see cref="Vector128{T}"/>, and on two such groups at once: the 64 steps written out, in the RFC's order, with its
/// shift amounts and its table T[i] = floor(2^32 * abs(sin(i))) as constants.
/// </summary>
public static partial class Md5MultiBuffer
{
    /// <summary>
    /// <paramref name="blocks"/> consecutive 64-byte blocks of four messages (from <paramref name="p0"/> to
    /// <paramref name="p3"/>) into the state of lanes 0-3 (the layout of <see cref="Run"/>: A, B, C and D of the eight
    /// lanes in turn).
    /// </summary>
    private static void Blocks4(ref uint state, ref byte p0, ref byte p1, ref byte p2, ref byte p3, nuint blocks, ref Vector128<uint> w)
    {
        var a = Vector128.LoadUnsafe(ref state, 0);
        var b = Vector128.LoadUnsafe(ref state, 8);
        var c = Vector128.LoadUnsafe(ref state, 16);
        var d = Vector128.LoadUnsafe(ref state, 24);
        for (nuint offset = 0, end = blocks * BlockLength; offset < end; offset += BlockLength)
        {
            Transpose(ref Unsafe.Add(ref p0, offset), ref Unsafe.Add(ref p1, offset), ref Unsafe.Add(ref p2, offset), ref Unsafe.Add(ref p3, offset), ref w);
            var a0 = a;
            var b0 = b;
            var c0 = c;
            var d0 = d;
            // Round 1
            a = F(a, b, c, d, Unsafe.Add(ref w, 0), 0xd76aa478, 7);
            d = F(d, a, b, c, Unsafe.Add(ref w, 1), 0xe8c7b756, 12);
            c = F(c, d, a, b, Unsafe.Add(ref w, 2), 0x242070db, 17);
            b = F(b, c, d, a, Unsafe.Add(ref w, 3), 0xc1bdceee, 22);
            a = F(a, b, c, d, Unsafe.Add(ref w, 4), 0xf57c0faf, 7);
            d = F(d, a, b, c, Unsafe.Add(ref w, 5), 0x4787c62a, 12);
            c = F(c, d, a, b, Unsafe.Add(ref w, 6), 0xa8304613, 17);
            b = F(b, c, d, a, Unsafe.Add(ref w, 7), 0xfd469501, 22);
            a = F(a, b, c, d, Unsafe.Add(ref w, 8), 0x698098d8, 7);
            d = F(d, a, b, c, Unsafe.Add(ref w, 9), 0x8b44f7af, 12);
            c = F(c, d, a, b, Unsafe.Add(ref w, 10), 0xffff5bb1, 17);
            b = F(b, c, d, a, Unsafe.Add(ref w, 11), 0x895cd7be, 22);
            a = F(a, b, c, d, Unsafe.Add(ref w, 12), 0x6b901122, 7);
            d = F(d, a, b, c, Unsafe.Add(ref w, 13), 0xfd987193, 12);
            c = F(c, d, a, b, Unsafe.Add(ref w, 14), 0xa679438e, 17);
            b = F(b, c, d, a, Unsafe.Add(ref w, 15), 0x49b40821, 22);
            // Round 2
            a = G(a, b, c, d, Unsafe.Add(ref w, 1), 0xf61e2562, 5);
            d = G(d, a, b, c, Unsafe.Add(ref w, 6), 0xc040b340, 9);
            c = G(c, d, a, b, Unsafe.Add(ref w, 11), 0x265e5a51, 14);
            b = G(b, c, d, a, Unsafe.Add(ref w, 0), 0xe9b6c7aa, 20);
            a = G(a, b, c, d, Unsafe.Add(ref w, 5), 0xd62f105d, 5);
            d = G(d, a, b, c, Unsafe.Add(ref w, 10), 0x02441453, 9);
            c = G(c, d, a, b, Unsafe.Add(ref w, 15), 0xd8a1e681, 14);
            b = G(b, c, d, a, Unsafe.Add(ref w, 4), 0xe7d3fbc8, 20);
            a = G(a, b, c, d, Unsafe.Add(ref w, 9), 0x21e1cde6, 5);
            d = G(d, a, b, c, Unsafe.Add(ref w, 14), 0xc33707d6, 9);
            c = G(c, d, a, b, Unsafe.Add(ref w, 3), 0xf4d50d87, 14);
            b = G(b, c, d, a, Unsafe.Add(ref w, 8), 0x455a14ed, 20);
            a = G(a, b, c, d, Unsafe.Add(ref w, 13), 0xa9e3e905, 5);
            d = G(d, a, b, c, Unsafe.Add(ref w, 2), 0xfcefa3f8, 9);
            c = G(c, d, a, b, Unsafe.Add(ref w, 7), 0x676f02d9, 14);
            b = G(b, c, d, a, Unsafe.Add(ref w, 12), 0x8d2a4c8a, 20);
            // Round 3
            a = H(a, b, c, d, Unsafe.Add(ref w, 5), 0xfffa3942, 4);
            d = H(d, a, b, c, Unsafe.Add(ref w, 8), 0x8771f681, 11);
            c = H(c, d, a, b, Unsafe.Add(ref w, 11), 0x6d9d6122, 16);
            b = H(b, c, d, a, Unsafe.Add(ref w, 14), 0xfde5380c, 23);
            a = H(a, b, c, d, Unsafe.Add(ref w, 1), 0xa4beea44, 4);
            d = H(d, a, b, c, Unsafe.Add(ref w, 4), 0x4bdecfa9, 11);
            c = H(c, d, a, b, Unsafe.Add(ref w, 7), 0xf6bb4b60, 16);
            b = H(b, c, d, a, Unsafe.Add(ref w, 10), 0xbebfbc70, 23);
            a = H(a, b, c, d, Unsafe.Add(ref w, 13), 0x289b7ec6, 4);
            d = H(d, a, b, c, Unsafe.Add(ref w, 0), 0xeaa127fa, 11);
            c = H(c, d, a, b, Unsafe.Add(ref w, 3), 0xd4ef3085, 16);
            b = H(b, c, d, a, Unsafe.Add(ref w, 6), 0x04881d05, 23);
            a = H(a, b, c, d, Unsafe.Add(ref w, 9), 0xd9d4d039, 4);
            d = H(d, a, b, c, Unsafe.Add(ref w, 12), 0xe6db99e5, 11);
            c = H(c, d, a, b, Unsafe.Add(ref w, 15), 0x1fa27cf8, 16);
            b = H(b, c, d, a, Unsafe.Add(ref w, 2), 0xc4ac5665, 23);
            // Round 4
            a = I(a, b, c, d, Unsafe.Add(ref w, 0), 0xf4292244, 6);
            d = I(d, a, b, c, Unsafe.Add(ref w, 7), 0x432aff97, 10);
            c = I(c, d, a, b, Unsafe.Add(ref w, 14), 0xab9423a7, 15);
            b = I(b, c, d, a, Unsafe.Add(ref w, 5), 0xfc93a039, 21);
            a = I(a, b, c, d, Unsafe.Add(ref w, 12), 0x655b59c3, 6);
            d = I(d, a, b, c, Unsafe.Add(ref w, 3), 0x8f0ccc92, 10);
            c = I(c, d, a, b, Unsafe.Add(ref w, 10), 0xffeff47d, 15);
            b = I(b, c, d, a, Unsafe.Add(ref w, 1), 0x85845dd1, 21);
            a = I(a, b, c, d, Unsafe.Add(ref w, 8), 0x6fa87e4f, 6);
            d = I(d, a, b, c, Unsafe.Add(ref w, 15), 0xfe2ce6e0, 10);
            c = I(c, d, a, b, Unsafe.Add(ref w, 6), 0xa3014314, 15);
            b = I(b, c, d, a, Unsafe.Add(ref w, 13), 0x4e0811a1, 21);
            a = I(a, b, c, d, Unsafe.Add(ref w, 4), 0xf7537e82, 6);
            d = I(d, a, b, c, Unsafe.Add(ref w, 11), 0xbd3af235, 10);
            c = I(c, d, a, b, Unsafe.Add(ref w, 2), 0x2ad7d2bb, 15);
            b = I(b, c, d, a, Unsafe.Add(ref w, 9), 0xeb86d391, 21);
            a += a0;
            b += b0;
            c += c0;
            d += d0;
        }

        a.StoreUnsafe(ref state, 0);
        b.StoreUnsafe(ref state, 8);
        c.StoreUnsafe(ref state, 16);
        d.StoreUnsafe(ref state, 24);
    }

    /// <summary>
    /// <see cref="Blocks4"/> for eight messages: the steps of lanes 0-3 and of lanes 4-7 alternate. Each step waits for
    /// the one before it (its b is the last step's result), a chain of about six dependent instructions; a second,
    /// independent chain fills the time the first waits.
    /// </summary>
    private static void Blocks8(
        ref uint state, ref byte p0, ref byte p1, ref byte p2, ref byte p3, ref byte p4, ref byte p5, ref byte p6, ref byte p7, nuint blocks, ref Vector128<uint> w)
    {
        var a0 = Vector128.LoadUnsafe(ref state, 0);
        var b0 = Vector128.LoadUnsafe(ref state, 8);
        var c0 = Vector128.LoadUnsafe(ref state, 16);
        var d0 = Vector128.LoadUnsafe(ref state, 24);
        var a1 = Vector128.LoadUnsafe(ref state, 4);
        var b1 = Vector128.LoadUnsafe(ref state, 12);
        var c1 = Vector128.LoadUnsafe(ref state, 20);
        var d1 = Vector128.LoadUnsafe(ref state, 28);
        for (nuint offset = 0, end = blocks * BlockLength; offset < end; offset += BlockLength)
        {
            Transpose(ref Unsafe.Add(ref p0, offset), ref Unsafe.Add(ref p1, offset), ref Unsafe.Add(ref p2, offset), ref Unsafe.Add(ref p3, offset), ref w);
            Transpose(ref Unsafe.Add(ref p4, offset), ref Unsafe.Add(ref p5, offset), ref Unsafe.Add(ref p6, offset), ref Unsafe.Add(ref p7, offset), ref Unsafe.Add(ref w, 16));
            var sa0 = a0;
            var sb0 = b0;
            var sc0 = c0;
            var sd0 = d0;
            var sa1 = a1;
            var sb1 = b1;
            var sc1 = c1;
            var sd1 = d1;
            // Round 1
            a0 = F(a0, b0, c0, d0, Unsafe.Add(ref w, 0), 0xd76aa478, 7);
            a1 = F(a1, b1, c1, d1, Unsafe.Add(ref w, 16), 0xd76aa478, 7);
            d0 = F(d0, a0, b0, c0, Unsafe.Add(ref w, 1), 0xe8c7b756, 12);
            d1 = F(d1, a1, b1, c1, Unsafe.Add(ref w, 17), 0xe8c7b756, 12);
            c0 = F(c0, d0, a0, b0, Unsafe.Add(ref w, 2), 0x242070db, 17);
            c1 = F(c1, d1, a1, b1, Unsafe.Add(ref w, 18), 0x242070db, 17);
            b0 = F(b0, c0, d0, a0, Unsafe.Add(ref w, 3), 0xc1bdceee, 22);
            b1 = F(b1, c1, d1, a1, Unsafe.Add(ref w, 19), 0xc1bdceee, 22);
            a0 = F(a0, b0, c0, d0, Unsafe.Add(ref w, 4), 0xf57c0faf, 7);
            a1 = F(a1, b1, c1, d1, Unsafe.Add(ref w, 20), 0xf57c0faf, 7);
            d0 = F(d0, a0, b0, c0, Unsafe.Add(ref w, 5), 0x4787c62a, 12);
            d1 = F(d1, a1, b1, c1, Unsafe.Add(ref w, 21), 0x4787c62a, 12);
            c0 = F(c0, d0, a0, b0, Unsafe.Add(ref w, 6), 0xa8304613, 17);
            c1 = F(c1, d1, a1, b1, Unsafe.Add(ref w, 22), 0xa8304613, 17);
            b0 = F(b0, c0, d0, a0, Unsafe.Add(ref w, 7), 0xfd469501, 22);
            b1 = F(b1, c1, d1, a1, Unsafe.Add(ref w, 23), 0xfd469501, 22);
            a0 = F(a0, b0, c0, d0, Unsafe.Add(ref w, 8), 0x698098d8, 7);
            a1 = F(a1, b1, c1, d1, Unsafe.Add(ref w, 24), 0x698098d8, 7);
            d0 = F(d0, a0, b0, c0, Unsafe.Add(ref w, 9), 0x8b44f7af, 12);
            d1 = F(d1, a1, b1, c1, Unsafe.Add(ref w, 25), 0x8b44f7af, 12);
            c0 = F(c0, d0, a0, b0, Unsafe.Add(ref w, 10), 0xffff5bb1, 17);
            c1 = F(c1, d1, a1, b1, Unsafe.Add(ref w, 26), 0xffff5bb1, 17);
            b0 = F(b0, c0, d0, a0, Unsafe.Add(ref w, 11), 0x895cd7be, 22);
            b1 = F(b1, c1, d1, a1, Unsafe.Add(ref w, 27), 0x895cd7be, 22);
            a0 = F(a0, b0, c0, d0, Unsafe.Add(ref w, 12), 0x6b901122, 7);
            a1 = F(a1, b1, c1, d1, Unsafe.Add(ref w, 28), 0x6b901122, 7);
            d0 = F(d0, a0, b0, c0, Unsafe.Add(ref w, 13), 0xfd987193, 12);
            d1 = F(d1, a1, b1, c1, Unsafe.Add(ref w, 29), 0xfd987193, 12);
            c0 = F(c0, d0, a0, b0, Unsafe.Add(ref w, 14), 0xa679438e, 17);
            c1 = F(c1, d1, a1, b1, Unsafe.Add(ref w, 30), 0xa679438e, 17);
            b0 = F(b0, c0, d0, a0, Unsafe.Add(ref w, 15), 0x49b40821, 22);
            b1 = F(b1, c1, d1, a1, Unsafe.Add(ref w, 31), 0x49b40821, 22);
            // Round 2
            a0 = G(a0, b0, c0, d0, Unsafe.Add(ref w, 1), 0xf61e2562, 5);
            a1 = G(a1, b1, c1, d1, Unsafe.Add(ref w, 17), 0xf61e2562, 5);
            d0 = G(d0, a0, b0, c0, Unsafe.Add(ref w, 6), 0xc040b340, 9);
            d1 = G(d1, a1, b1, c1, Unsafe.Add(ref w, 22), 0xc040b340, 9);
            c0 = G(c0, d0, a0, b0, Unsafe.Add(ref w, 11), 0x265e5a51, 14);
            c1 = G(c1, d1, a1, b1, Unsafe.Add(ref w, 27), 0x265e5a51, 14);
            b0 = G(b0, c0, d0, a0, Unsafe.Add(ref w, 0), 0xe9b6c7aa, 20);
            b1 = G(b1, c1, d1, a1, Unsafe.Add(ref w, 16), 0xe9b6c7aa, 20);
            a0 = G(a0, b0, c0, d0, Unsafe.Add(ref w, 5), 0xd62f105d, 5);
            a1 = G(a1, b1, c1, d1, Unsafe.Add(ref w, 21), 0xd62f105d, 5);
            d0 = G(d0, a0, b0, c0, Unsafe.Add(ref w, 10), 0x02441453, 9);
            d1 = G(d1, a1, b1, c1, Unsafe.Add(ref w, 26), 0x02441453, 9);
            c0 = G(c0, d0, a0, b0, Unsafe.Add(ref w, 15), 0xd8a1e681, 14);
            c1 = G(c1, d1, a1, b1, Unsafe.Add(ref w, 31), 0xd8a1e681, 14);
            b0 = G(b0, c0, d0, a0, Unsafe.Add(ref w, 4), 0xe7d3fbc8, 20);
            b1 = G(b1, c1, d1, a1, Unsafe.Add(ref w, 20), 0xe7d3fbc8, 20);
            a0 = G(a0, b0, c0, d0, Unsafe.Add(ref w, 9), 0x21e1cde6, 5);
            a1 = G(a1, b1, c1, d1, Unsafe.Add(ref w, 25), 0x21e1cde6, 5);
            d0 = G(d0, a0, b0, c0, Unsafe.Add(ref w, 14), 0xc33707d6, 9);
            d1 = G(d1, a1, b1, c1, Unsafe.Add(ref w, 30), 0xc33707d6, 9);
            c0 = G(c0, d0, a0, b0, Unsafe.Add(ref w, 3), 0xf4d50d87, 14);
            c1 = G(c1, d1, a1, b1, Unsafe.Add(ref w, 19), 0xf4d50d87, 14);
            b0 = G(b0, c0, d0, a0, Unsafe.Add(ref w, 8), 0x455a14ed, 20);
            b1 = G(b1, c1, d1, a1, Unsafe.Add(ref w, 24), 0x455a14ed, 20);
            a0 = G(a0, b0, c0, d0, Unsafe.Add(ref w, 13), 0xa9e3e905, 5);
            a1 = G(a1, b1, c1, d1, Unsafe.Add(ref w, 29), 0xa9e3e905, 5);
            d0 = G(d0, a0, b0, c0, Unsafe.Add(ref w, 2), 0xfcefa3f8, 9);
            d1 = G(d1, a1, b1, c1, Unsafe.Add(ref w, 18), 0xfcefa3f8, 9);
            c0 = G(c0, d0, a0, b0, Unsafe.Add(ref w, 7), 0x676f02d9, 14);
            c1 = G(c1, d1, a1, b1, Unsafe.Add(ref w, 23), 0x676f02d9, 14);
            b0 = G(b0, c0, d0, a0, Unsafe.Add(ref w, 12), 0x8d2a4c8a, 20);
            b1 = G(b1, c1, d1, a1, Unsafe.Add(ref w, 28), 0x8d2a4c8a, 20);
            // Round 3
            a0 = H(a0, b0, c0, d0, Unsafe.Add(ref w, 5), 0xfffa3942, 4);
            a1 = H(a1, b1, c1, d1, Unsafe.Add(ref w, 21), 0xfffa3942, 4);
            d0 = H(d0, a0, b0, c0, Unsafe.Add(ref w, 8), 0x8771f681, 11);
            d1 = H(d1, a1, b1, c1, Unsafe.Add(ref w, 24), 0x8771f681, 11);
            c0 = H(c0, d0, a0, b0, Unsafe.Add(ref w, 11), 0x6d9d6122, 16);
            c1 = H(c1, d1, a1, b1, Unsafe.Add(ref w, 27), 0x6d9d6122, 16);
            b0 = H(b0, c0, d0, a0, Unsafe.Add(ref w, 14), 0xfde5380c, 23);
            b1 = H(b1, c1, d1, a1, Unsafe.Add(ref w, 30), 0xfde5380c, 23);
            a0 = H(a0, b0, c0, d0, Unsafe.Add(ref w, 1), 0xa4beea44, 4);
            a1 = H(a1, b1, c1, d1, Unsafe.Add(ref w, 17), 0xa4beea44, 4);
            d0 = H(d0, a0, b0, c0, Unsafe.Add(ref w, 4), 0x4bdecfa9, 11);
            d1 = H(d1, a1, b1, c1, Unsafe.Add(ref w, 20), 0x4bdecfa9, 11);
            c0 = H(c0, d0, a0, b0, Unsafe.Add(ref w, 7), 0xf6bb4b60, 16);
            c1 = H(c1, d1, a1, b1, Unsafe.Add(ref w, 23), 0xf6bb4b60, 16);
            b0 = H(b0, c0, d0, a0, Unsafe.Add(ref w, 10), 0xbebfbc70, 23);
            b1 = H(b1, c1, d1, a1, Unsafe.Add(ref w, 26), 0xbebfbc70, 23);
            a0 = H(a0, b0, c0, d0, Unsafe.Add(ref w, 13), 0x289b7ec6, 4);
            a1 = H(a1, b1, c1, d1, Unsafe.Add(ref w, 29), 0x289b7ec6, 4);
            d0 = H(d0, a0, b0, c0, Unsafe.Add(ref w, 0), 0xeaa127fa, 11);
            d1 = H(d1, a1, b1, c1, Unsafe.Add(ref w, 16), 0xeaa127fa, 11);
            c0 = H(c0, d0, a0, b0, Unsafe.Add(ref w, 3), 0xd4ef3085, 16);
            c1 = H(c1, d1, a1, b1, Unsafe.Add(ref w, 19), 0xd4ef3085, 16);
            b0 = H(b0, c0, d0, a0, Unsafe.Add(ref w, 6), 0x04881d05, 23);
            b1 = H(b1, c1, d1, a1, Unsafe.Add(ref w, 22), 0x04881d05, 23);
            a0 = H(a0, b0, c0, d0, Unsafe.Add(ref w, 9), 0xd9d4d039, 4);
            a1 = H(a1, b1, c1, d1, Unsafe.Add(ref w, 25), 0xd9d4d039, 4);
            d0 = H(d0, a0, b0, c0, Unsafe.Add(ref w, 12), 0xe6db99e5, 11);
            d1 = H(d1, a1, b1, c1, Unsafe.Add(ref w, 28), 0xe6db99e5, 11);
            c0 = H(c0, d0, a0, b0, Unsafe.Add(ref w, 15), 0x1fa27cf8, 16);
            c1 = H(c1, d1, a1, b1, Unsafe.Add(ref w, 31), 0x1fa27cf8, 16);
            b0 = H(b0, c0, d0, a0, Unsafe.Add(ref w, 2), 0xc4ac5665, 23);
            b1 = H(b1, c1, d1, a1, Unsafe.Add(ref w, 18), 0xc4ac5665, 23);
            // Round 4
            a0 = I(a0, b0, c0, d0, Unsafe.Add(ref w, 0), 0xf4292244, 6);
            a1 = I(a1, b1, c1, d1, Unsafe.Add(ref w, 16), 0xf4292244, 6);
            d0 = I(d0, a0, b0, c0, Unsafe.Add(ref w, 7), 0x432aff97, 10);
            d1 = I(d1, a1, b1, c1, Unsafe.Add(ref w, 23), 0x432aff97, 10);
            c0 = I(c0, d0, a0, b0, Unsafe.Add(ref w, 14), 0xab9423a7, 15);
            c1 = I(c1, d1, a1, b1, Unsafe.Add(ref w, 30), 0xab9423a7, 15);
            b0 = I(b0, c0, d0, a0, Unsafe.Add(ref w, 5), 0xfc93a039, 21);
            b1 = I(b1, c1, d1, a1, Unsafe.Add(ref w, 21), 0xfc93a039, 21);
            a0 = I(a0, b0, c0, d0, Unsafe.Add(ref w, 12), 0x655b59c3, 6);
            a1 = I(a1, b1, c1, d1, Unsafe.Add(ref w, 28), 0x655b59c3, 6);
            d0 = I(d0, a0, b0, c0, Unsafe.Add(ref w, 3), 0x8f0ccc92, 10);
            d1 = I(d1, a1, b1, c1, Unsafe.Add(ref w, 19), 0x8f0ccc92, 10);
            c0 = I(c0, d0, a0, b0, Unsafe.Add(ref w, 10), 0xffeff47d, 15);
            c1 = I(c1, d1, a1, b1, Unsafe.Add(ref w, 26), 0xffeff47d, 15);
            b0 = I(b0, c0, d0, a0, Unsafe.Add(ref w, 1), 0x85845dd1, 21);
            b1 = I(b1, c1, d1, a1, Unsafe.Add(ref w, 17), 0x85845dd1, 21);
            a0 = I(a0, b0, c0, d0, Unsafe.Add(ref w, 8), 0x6fa87e4f, 6);
            a1 = I(a1, b1, c1, d1, Unsafe.Add(ref w, 24), 0x6fa87e4f, 6);
            d0 = I(d0, a0, b0, c0, Unsafe.Add(ref w, 15), 0xfe2ce6e0, 10);
            d1 = I(d1, a1, b1, c1, Unsafe.Add(ref w, 31), 0xfe2ce6e0, 10);
            c0 = I(c0, d0, a0, b0, Unsafe.Add(ref w, 6), 0xa3014314, 15);
            c1 = I(c1, d1, a1, b1, Unsafe.Add(ref w, 22), 0xa3014314, 15);
            b0 = I(b0, c0, d0, a0, Unsafe.Add(ref w, 13), 0x4e0811a1, 21);
            b1 = I(b1, c1, d1, a1, Unsafe.Add(ref w, 29), 0x4e0811a1, 21);
            a0 = I(a0, b0, c0, d0, Unsafe.Add(ref w, 4), 0xf7537e82, 6);
            a1 = I(a1, b1, c1, d1, Unsafe.Add(ref w, 20), 0xf7537e82, 6);
            d0 = I(d0, a0, b0, c0, Unsafe.Add(ref w, 11), 0xbd3af235, 10);
            d1 = I(d1, a1, b1, c1, Unsafe.Add(ref w, 27), 0xbd3af235, 10);
            c0 = I(c0, d0, a0, b0, Unsafe.Add(ref w, 2), 0x2ad7d2bb, 15);
            c1 = I(c1, d1, a1, b1, Unsafe.Add(ref w, 18), 0x2ad7d2bb, 15);
            b0 = I(b0, c0, d0, a0, Unsafe.Add(ref w, 9), 0xeb86d391, 21);
            b1 = I(b1, c1, d1, a1, Unsafe.Add(ref w, 25), 0xeb86d391, 21);
            a0 += sa0;
            b0 += sb0;
            c0 += sc0;
            d0 += sd0;
            a1 += sa1;
            b1 += sb1;
            c1 += sc1;
            d1 += sd1;
        }

        a0.StoreUnsafe(ref state, 0);
        b0.StoreUnsafe(ref state, 8);
        c0.StoreUnsafe(ref state, 16);
        d0.StoreUnsafe(ref state, 24);
        a1.StoreUnsafe(ref state, 4);
        b1.StoreUnsafe(ref state, 12);
        c1.StoreUnsafe(ref state, 20);
        d1.StoreUnsafe(ref state, 28);
    }

    /// <summary>
    /// The sixteen little-endian words of one block of each of four messages, word k of message j into lane j of
    /// <c>w[k]</c>: with SSE2 four 4x4 transposes of 16-byte rows (two unpack steps each), else word by word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref byte p0, ref byte p1, ref byte p2, ref byte p3, ref Vector128<uint> w)
    {
        if (Sse2.IsSupported)
        {
            for (nuint row = 0; row < 4; row++)
            {
                var r0 = Vector128.LoadUnsafe(ref p0, row * 16).AsUInt32();
                var r1 = Vector128.LoadUnsafe(ref p1, row * 16).AsUInt32();
                var r2 = Vector128.LoadUnsafe(ref p2, row * 16).AsUInt32();
                var r3 = Vector128.LoadUnsafe(ref p3, row * 16).AsUInt32();
                var t0 = Sse2.UnpackLow(r0, r1).AsUInt64();  // r0[0] r1[0] r0[1] r1[1]
                var t1 = Sse2.UnpackLow(r2, r3).AsUInt64();  // r2[0] r3[0] r2[1] r3[1]
                var t2 = Sse2.UnpackHigh(r0, r1).AsUInt64(); // r0[2] r1[2] r0[3] r1[3]
                var t3 = Sse2.UnpackHigh(r2, r3).AsUInt64(); // r2[2] r3[2] r2[3] r3[3]
                ref var into = ref Unsafe.Add(ref w, row * 4);
                into = Sse2.UnpackLow(t0, t1).AsUInt32();
                Unsafe.Add(ref into, 1) = Sse2.UnpackHigh(t0, t1).AsUInt32();
                Unsafe.Add(ref into, 2) = Sse2.UnpackLow(t2, t3).AsUInt32();
                Unsafe.Add(ref into, 3) = Sse2.UnpackHigh(t2, t3).AsUInt32();
            }
        }
        else
        {
            for (int k = 0; k < 16; k++)
            {
                Unsafe.Add(ref w, k) = Vector128.Create(Word(ref p0, k), Word(ref p1, k), Word(ref p2, k), Word(ref p3, k));
            }
        }
    }

    /// <summary>Word <paramref name="k"/> of a block, little-endian (RFC 1321 section 2) whatever the machine.</summary>
    private static uint Word(ref byte block, int k) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref block, k * 4), 4));

    // The four auxiliary functions of RFC 1321 section 3.4, each in its step a = b + ((a + f(b,c,d) + X[k] + T[i]) <<< s).
    // a + X[k] + T[i] does not wait for b, which the step before has just made, so it is summed first.

    /// <summary>Round 1: F(X,Y,Z) = XY v not(X) Z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> F(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, Vector128<uint> d, Vector128<uint> x, uint t, int s) =>
        b + Rotate(a + x + Vector128.Create(t) + ((b & c) | Vector128.AndNot(d, b)), s);

    /// <summary>Round 2: G(X,Y,Z) = XZ v Y not(Z); the two terms never share a bit, so they may be added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> G(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, Vector128<uint> d, Vector128<uint> x, uint t, int s) =>
        b + Rotate(a + x + Vector128.Create(t) + Vector128.AndNot(c, d) + (b & d), s);

    /// <summary>Round 3: H(X,Y,Z) = X xor Y xor Z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> H(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, Vector128<uint> d, Vector128<uint> x, uint t, int s) =>
        b + Rotate(a + x + Vector128.Create(t) + (b ^ (c ^ d)), s);

    /// <summary>Round 4: I(X,Y,Z) = Y xor (X v not(Z)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> I(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, Vector128<uint> d, Vector128<uint> x, uint t, int s) =>
        b + Rotate(a + x + Vector128.Create(t) + (c ^ (b | ~d)), s);

    /// <summary>A left rotation by a constant: SSE has none, so two shifts and an or.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Rotate(Vector128<uint> x, int s) => Vector128.ShiftLeft(x, s) | Vector128.ShiftRightLogical(x, 32 - s);
}
