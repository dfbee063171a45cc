using System.Security.Cryptography;
using System.Text;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Decompiler.Crypto;

/// <summary>
/// Decrypts debug info written with <c>encrypt_debug_info</c> / <c>{debug_info_key, Key}</c>, as beam_lib does
/// (stdlib beam_lib.erl decrypt_chunk/5 and make_crypto_key/2; compiler compile.erl encrypt/2): the des3_cbc mode
/// derives K1, K2 from <c>md5(Key)</c> and K3 and the IV from <c>md5(md5(Key) ++ reverse(Key))</c>, and the cipher
/// text is the term_to_binary of the chunk's term padded with random bytes to a multiple of 8, which
/// binary_to_term ignores.
/// </summary>
public static class DebugInfoCrypto
{
    /// <summary>The decrypted payload as <see cref="DebugInfo.Payload"/> would give it (element 3 of Dbgi, or the
    /// whole Abst term); null when the key is wrong (the bytes do not decode to a term).</summary>
    public static Term? Decrypt(DebugInfo info, string key)
    {
        if (info.Kind != DebugInfoKind.Encrypted || info.CryptoMode != "des3_cbc")
        {
            return null;
        }

        var cipherText = info.CipherText.Span;
        if (cipherText.Length == 0 || cipherText.Length % 8 != 0)
        {
            return null;
        }

        // Keys are Erlang strings of bytes; characters above 255 cannot be in one (erlang:md5 would fail).
        byte[] keyBytes = Encoding.Latin1.GetBytes(key);
        byte[] first = MD5.HashData(keyBytes);
        byte[] reversed = [.. keyBytes.Reverse()];
        byte[] second = MD5.HashData([.. first, .. reversed]);
        byte[] desKey = [.. first, .. second.AsSpan(0, 8)];
        byte[] iv = second[8..16];

        byte[] plain;
        try
        {
            using var des = TripleDES.Create();
            des.Key = desKey;
            plain = des.DecryptCbc(cipherText, iv, PaddingMode.None);
        }
        catch (CryptographicException)
        {
            return null;
        }

        try
        {
            var term = TermReader.Decode(Uncompressed(plain), 0, info.ChunkId);
            return info.ChunkId == ChunkId.Dbgi && term is TupleTerm { Arity: 3 } t ? t[2] : term;
        }
        catch (BadBeamFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A compressed term (<c>131, 80, Size:32, Zlib</c>: the compiler writes Dbgi compressed) followed by the
    /// cipher padding, as a plain versioned term: the zlib stream ends before the padding, which binary_to_term
    /// ignores but the term reader's end-of-data Adler-32 check would not.
    /// </summary>
    private static byte[] Uncompressed(byte[] plain)
    {
        if (plain.Length < 6 || plain[0] != 131 || plain[1] != 80)
        {
            return plain;
        }

        uint size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(2));
        // A size no deflate stream of this length can produce is refused before allocating it.
        if (size > Metadata.DecodeLimits.Current.MaxImageSize || size > (long)(plain.Length - 6) * Metadata.Inflater.MaxDeflateRatio)
        {
            return plain;
        }

        var result = new byte[size + 1];
        result[0] = 131;
        try
        {
            using var z = new System.IO.Compression.ZLibStream(new MemoryStream(plain, 6, plain.Length - 6), System.IO.Compression.CompressionMode.Decompress);
            z.ReadExactly(result, 1, (int)size);
        }
        catch (Exception e) when (Metadata.Inflater.IsCorruptData(e))
        {
            return plain;
        }

        return result;
    }
}
