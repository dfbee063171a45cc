using BeamDecode.Metadata.Terms;
using CsCheck;

namespace BeamDecode.Fuzz.Tests.Properties;

/// <summary>Encoding a generated term (with our own encoder, choosing among OTP's alternative encodings) and decoding
/// it with the library gives the same term back, and every byte is used.</summary>
public sealed class TermRoundTripTests
{
    /// <summary>Iterations per property; docs/reliability.md reports these counts.</summary>
    public const int Iterations = 5_000;

    [Fact]
    public void Encoded_terms_decode_to_equal_terms()
    {
        Gen.Select(TermGen.Term, Gen.Int).Sample((term, variant) =>
        {
            var bytes = EtfEncoder.Encode(term, variant);
            var decoded = TermReader.Decode(bytes, out int used);
            Assert.Equal(bytes.Length, used);
            Assert.Equal(term, decoded);
            Assert.Equal(TermWriter.Write(term), TermWriter.Write(decoded));
            Assert.Equal(term.GetHashCode(), decoded.GetHashCode());
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Compressed_terms_decode_to_equal_terms()
    {
        Gen.Select(TermGen.Term, Gen.Int).Sample((term, variant) =>
        {
            var bytes = EtfEncoder.Encode(term, variant, compress: true);
            var decoded = TermReader.Decode(bytes, out int used);
            Assert.Equal(bytes.Length, used);
            Assert.Equal(term, decoded);
        }, iter: Iterations / 5, threads: 1);
    }
}
