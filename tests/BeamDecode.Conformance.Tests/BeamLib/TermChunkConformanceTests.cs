using System.Security.Cryptography;
using System.Text;
using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.BeamLib;

/// <summary>
/// The term decoder and ~w printer on real data: for every module, the ~w text of its literal table, its whole
/// debug-info term and each term chunk (Attr, CInf, Meta, Docs, ExCk) must hash the same as the text OTP
/// prints for the terms it decodes itself (term_chunks_truth.escript). Compared as MD5 so that megabytes
/// of abstract code need not pass through a pipe. Maps of more than 32 keys are compared in key order on
/// both sides (<see cref="SortedLargeMaps"/>): OTP prints them in an undefined hash order.
/// </summary>
public sealed class TermChunkConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] TermChunks = [ChunkId.Attr, ChunkId.CInf, ChunkId.Meta, ChunkId.Docs, ChunkId.ExCk];

    [Fact]
    public void InstalledOtp_EveryTermChunk_PrintsAsOtpDoes() => Run(BeamCorpus.Installed, "installed OTP + Elixir");

    [Fact]
    public void Otp27Corpus_EveryTermChunk_PrintsAsOtpDoes() => Run(BeamCorpus.Otp27, "OTP 27 + Elixir 1.18 corpus");

    private void Run(IReadOnlyList<string> files, string corpus)
    {
        string escript = ErlangTool.Escript;
        string dir = ErlangTool.CreateTempDirectory("term-truth");
        try
        {
            string list = Path.Combine(dir, "files.txt");
            string tsv = Path.Combine(dir, "terms.tsv");
            File.WriteAllLines(list, files);
            ErlangTool.Run(escript, [Path.Combine(AppContext.BaseDirectory, "BeamLib", "term_chunks_truth.escript"), list, tsv], TimeSpan.FromMinutes(15));
            var problems = new List<string>();
            int compared = 0;
            foreach (string line in File.ReadLines(tsv))
            {
                string[] f = line.Split('\t');
                Assert.Equal(8, f.Length);
                var beam = BeamFile.Read(File.ReadAllBytes(f[0]));
                compared += Check(problems, f[0], "LitT", f[1], beam.Literals is { } lit ? new ListTermOrNil(lit.Literals).Term : null);
                compared += Check(problems, f[0], "debug info", f[2], DebugTerm(beam));
                for (int i = 0; i < TermChunks.Length; i++)
                {
                    compared += Check(problems, f[0], TermChunks[i], f[3 + i], beam.DecodeTermChunk(TermChunks[i]));
                }
            }

            output.WriteLine($"{corpus}: {compared - problems.Count} of {compared} decoded terms print exactly as OTP's ~w");
            Assert.True(problems.Count == 0, $"{problems.Count} of {compared} differ:\n" + string.Join("\n", problems.Take(40)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The whole Dbgi (or Abst) term, as binary_to_term gives it; null when absent or encrypted.</summary>
    private static Term? DebugTerm(BeamFile beam)
    {
        var chunk = beam.FindChunk(ChunkId.Dbgi) ?? beam.FindChunk(ChunkId.Abst);
        if (chunk is null || chunk.Data.IsEmpty || chunk.Data.Span[0] == 0)
        {
            return null;
        }

        return TermReader.Decode(chunk.Data.Span, chunk.Offset, chunk.Id);
    }

    private static int Check(List<string> problems, string path, string what, string expectedMd5, Term? term)
    {
        if (expectedMd5 == "-" || term is null)
        {
            if ((expectedMd5 == "-") != (term is null))
            {
                problems.Add($"{path}: {what}: OTP says {(expectedMd5 == "-" ? "absent" : "present")}, we say the opposite");
            }

            return 0;
        }

        string text = TermWriter.Write(SortedLargeMaps.Normalize(term));
        string md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
        if (md5 != expectedMd5)
        {
            problems.Add($"{path}: {what}: ~w text differs (ours begins {text[..Math.Min(160, text.Length)]})");
        }

        return 1;
    }

    private readonly record struct ListTermOrNil(System.Collections.Immutable.ImmutableArray<Term> Items)
    {
        public Term Term => Items.IsEmpty ? NilTerm.Instance : new ListTerm(Items, NilTerm.Instance);
    }
}
