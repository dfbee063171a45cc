using BeamDecode.Metadata;

namespace BeamDecode.Conformance.Tests.Corpora;

/// <summary>
/// Every chunk of every module of each corpus decodes without a diagnostic: literals, lines, types, every
/// term chunk (Attr, CInf, Meta, Docs, ExCk) and the whole debug-info payload.
/// </summary>
public sealed class FullDecodeTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryModule_DecodesEveryChunk() => DecodeAll(BeamCorpus.Installed, "installed OTP + Elixir");

    [Fact]
    public void Otp27Corpus_EveryModule_DecodesEveryChunk() => DecodeAll(BeamCorpus.Otp27, "OTP 27 + Elixir 1.18 corpus");

    private void DecodeAll(IReadOnlyList<string> files, string corpus)
    {
        var failures = new List<string>();
        long terms = 0;
        foreach (string file in files)
        {
            try
            {
                terms += BeamFileValidator.DecodeAll(BeamFile.Read(File.ReadAllBytes(file)));
            }
            catch (BadBeamFormatException e)
            {
                failures.Add($"{file}: {e.Describe()}");
            }
        }

        output.WriteLine($"{corpus}: {files.Count - failures.Count} of {files.Count} modules decode fully ({terms} terms)");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }
}
