using BeamDecode.Metadata;
using BeamDecode.Metadata.Code;

namespace BeamDecode.Conformance.Tests.Corpora;

/// <summary>
/// Every module of each corpus disassembles and prints as .S with no diagnostic: the installed OTP (and Elixir), and
/// the OTP 27 + Elixir 1.18 corpus, whose opcodes (update_record, bs_match, executable_line) and Type chunk version 3
/// the installed OTP never writes.
/// </summary>
public sealed class DisassembleAllTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryModule_Disassembles() => DisassembleAll(BeamCorpus.Installed, "installed OTP + Elixir");

    [Fact]
    public void Otp27Corpus_EveryModule_Disassembles() => DisassembleAll(BeamCorpus.Otp27, "OTP 27 + Elixir 1.18 corpus");

    private void DisassembleAll(IReadOnlyList<string> files, string corpus)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        long instructions = 0;
        int functions = 0;
        Parallel.ForEach(files, file =>
        {
            try
            {
                var module = Disassembler.Disassemble(BeamFile.Read(File.ReadAllBytes(file)));
                Assert.NotEmpty(AsmWriter.Write(module));
                Interlocked.Add(ref functions, module.Functions.Length);
                long n = 0;
                foreach (var f in module.Functions)
                {
                    n += f.Instructions.Length;
                }

                Interlocked.Add(ref instructions, n);
            }
            catch (BadBeamFormatException e)
            {
                failures.Add($"{file}: {e.Describe()}");
            }
        });

        output.WriteLine($"{corpus}: {files.Count - failures.Count} of {files.Count} modules disassemble with no diagnostic " +
                         $"({functions} functions, {instructions} instructions)");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Order(StringComparer.Ordinal).Take(40)));
    }
}
