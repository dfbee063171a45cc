using System.Text;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Code;

namespace BeamDecode.Conformance.Tests.ErlcAsm;

/// <summary>The outcome of re-assembling one module's .S with erlc: same chunks, which chunks differ, or why it failed.</summary>
public sealed record RoundTripResult(string Beam, string Outcome, string? Chunks, string? Detail);

/// <summary>
/// Disassembles modules with <see cref="Disassembler"/> and <see cref="AsmWriter"/> (what <c>beamdecode disasm M.beam
/// -o M.S</c> does) and hands every .S to erlc_asm_roundtrip.escript, which assembles them all in one Erlang node
/// (<c>compile:file(S, [from_asm, no_postopt, binary])</c>, as <c>erlc +from_asm +no_postopt</c>) and compares the
/// chunks with the originals. One node for all modules: an erlc process per module would cost minutes of start-up.
/// </summary>
public static class AsmRoundTrip
{
    public static IReadOnlyList<RoundTripResult> Run(IReadOnlyList<string> beams)
    {
        string escript = ErlangTool.Escript;
        string dir = ErlangTool.CreateTempDirectory("erlc-asm");
        try
        {
            var asmPaths = new string?[beams.Count];
            var failures = new RoundTripResult?[beams.Count];
            Parallel.For(0, beams.Count, i =>
            {
                try
                {
                    string text = AsmWriter.Write(Disassembler.Disassemble(BeamFile.Read(File.ReadAllBytes(beams[i]))));
                    // One folder per module: the file name carries the module name, and names repeat across corpora.
                    string folder = Path.Combine(dir, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
                    Directory.CreateDirectory(folder);
                    string path = Path.Combine(folder, Path.GetFileNameWithoutExtension(beams[i]) + ".S");
                    File.WriteAllText(path, text, new UTF8Encoding(false));
                    asmPaths[i] = path;
                }
                catch (BadBeamFormatException e)
                {
                    failures[i] = new RoundTripResult(beams[i], "disasm", null, e.Describe());
                }
            });

            var list = new StringBuilder();
            for (int i = 0; i < beams.Count; i++)
            {
                if (asmPaths[i] is { } path)
                {
                    list.Append(beams[i]).Append('\t').Append(path).Append('\n');
                }
            }

            string listFile = Path.Combine(dir, "modules.tsv");
            string report = Path.Combine(dir, "report.tsv");
            File.WriteAllText(listFile, list.ToString(), new UTF8Encoding(false));
            string script = Path.Combine(AppContext.BaseDirectory, "ErlcAsm", "erlc_asm_roundtrip.escript");
            ErlangTool.Run(escript, [script, listFile, report], TimeSpan.FromMinutes(25));

            var results = new List<RoundTripResult>(beams.Count);
            results.AddRange(failures.OfType<RoundTripResult>());
            foreach (string line in File.ReadLines(report, Encoding.UTF8))
            {
                string[] f = line.Split('\t');
                results.Add(f[0] switch
                {
                    "same" => new RoundTripResult(f[1], "same", null, null),
                    "diff" => new RoundTripResult(f[1], "diff", f[2], f.Length > 3 ? f[3] : null),
                    _ => new RoundTripResult(f[1], f[0], null, f.Length > 2 ? f[2] : null),
                });
            }

            return results;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("BEAMDECODE_KEEP_ASM") != "1")
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
