using BeamDecode.Conformance.Tests.Epp;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Conformance.Tests.Corpora;

/// <summary>
/// `source` reads abstract code straight from the Dbgi bytes (StreamingFormReader) and takes the term-tree path
/// (TermReader, AbstractFormReader) only for what it does not expect. On real modules it must be the path taken, and
/// give what the term tree gives: for every module with Erlang debug info, the direct reader reads it exactly when
/// the term-tree reader reports nothing, to equal forms, each of which AbstractFormWriter writes back as the Dbgi
/// form itself (annotations included).
/// </summary>
public sealed class StreamingFormReaderCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryModule_IsReadDirectly_AsTheTermTreeReadsIt() => Compare(BeamCorpus.Installed, "installed OTP " + BeamCorpus.InstalledRelease);

    [Fact]
    public void Otp27Corpus_EveryModule_IsReadDirectly_AsTheTermTreeReadsIt() => Compare(BeamCorpus.Otp27, "OTP 27 corpus");

    private void Compare(IReadOnlyList<string> corpus, string name)
    {
        var files = EppRoundTripTests.WithErlangDebugInfo(corpus);
        var failures = new List<string>();
        int direct = 0;
        foreach (string file in files)
        {
            var beam = BeamFile.Read(File.ReadAllBytes(file));
            var chunk = beam.FindChunk(beam.DebugInfo.ChunkId)!;
            var fast = StreamingFormReader.TryRead(chunk.Data.Span, chunk.Id == ChunkId.Dbgi);
            var payload = beam.DebugInfo.Payload!;
            var (slow, diagnostics) = AbstractFormReader.ReadPayload(payload);
            if (fast is null)
            {
                if (diagnostics.Count == 0)
                {
                    failures.Add($"{file}: not read directly, though the term-tree reader reports nothing");
                }

                continue;
            }

            direct++;
            if (diagnostics.Count > 0 || !fast.Equals(slow))
            {
                failures.Add($"{file}: read directly, but the term-tree reader reads {(diagnostics.Count > 0 ? diagnostics[0].ToString() : "other forms")}");
                continue;
            }

            Term forms = payload is TupleTerm { Arity: 2 } t ? (t[0] is AtomTerm ? t[1] : t[0]) : payload;
            var items = ((ListTerm)forms).Elements;
            // Without the -feature(maybe_expr, enable) both readers put back for epp (it has no annotation).
            var read = fast.Forms.Items.Where(f => f is not WildAttribute { Name: "feature", Anno: null }).ToList();
            for (int i = 0; i < items.Length; i++)
            {
                var written = AbstractFormWriter.Default.WriteForm(read[i]);
                if (!written.Equals(items[i]))
                {
                    failures.Add($"{file}: form {i}: {TermDifference.First(items[i], written)}");
                    break;
                }
            }
        }

        output.WriteLine($"{name}: {direct} of {files.Count} modules read directly, {files.Count - failures.Count} as the term tree reads them");
        Assert.True(files.Count > 300, $"only {files.Count} modules with Erlang debug info");
        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} modules:\n" + string.Join("\n", failures.Take(20)));
    }
}
