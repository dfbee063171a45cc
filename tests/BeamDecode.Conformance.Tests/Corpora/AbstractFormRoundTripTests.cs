using BeamDecode.Conformance.Tests.Epp;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.Corpora;

/// <summary>
/// AbstractFormWriter is the exact inverse of AbstractFormReader: for every module with Erlang debug info, each
/// Dbgi form read into the syntax model and written back is the same term, annotations included (so its ~w text,
/// what <c>beamdecode parse --forms</c> prints, is what io:format("~w.~n", [Form]) prints for the original).
/// </summary>
public sealed class AbstractFormRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryDbgiForm_ReadThenWritten_IsTheSameTerm() => RoundTrip(BeamCorpus.Installed, "installed OTP " + BeamCorpus.InstalledRelease);

    [Fact]
    public void Otp27Corpus_EveryDbgiForm_ReadThenWritten_IsTheSameTerm() => RoundTrip(BeamCorpus.Otp27, "OTP 27 corpus");

    private void RoundTrip(IReadOnlyList<string> corpus, string name)
    {
        var files = EppRoundTripTests.WithErlangDebugInfo(corpus);
        var failures = new List<string>();
        long forms = 0;
        foreach (string file in files)
        {
            var payload = BeamFile.Read(File.ReadAllBytes(file)).DebugInfo.Payload;
            Term formList = payload switch
            {
                TupleTerm { Arity: 2 } t when t[0] is AtomTerm { Name: "raw_abstract_v1" or "abstract_v1" or "abstract_v2" } => t[1],
                TupleTerm { Arity: 2 } t => t[0],
                _ => payload!,
            };
            var items = formList is ListTerm l ? l.Elements : [];
            foreach (var form in items)
            {
                forms++;
                var reader = new AbstractFormReader();
                var written = AbstractFormWriter.Default.WriteForm(reader.ReadForm(form));
                if (!written.Equals(form))
                {
                    failures.Add($"{file}: {TermDifference.First(form, written)}");
                    break;
                }
            }
        }

        output.WriteLine($"{name}: {files.Count - failures.Count} of {files.Count} modules round-trip ({forms} forms)");
        Assert.True(files.Count > 300, $"only {files.Count} modules with Erlang debug info");
        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} modules do not round-trip:\n" + string.Join("\n", failures.Take(20)));
    }
}
