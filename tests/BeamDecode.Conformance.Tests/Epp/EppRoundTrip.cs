using System.Text;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Decompiler;
using BeamDecode.Metadata;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Conformance.Tests.Epp;

/// <summary>The outcome for one module: same, forms, code, code_lines, parse, error (epp_roundtrip.escript), or
/// skipped (no Erlang debug info) / print (our side failed) / shared_lines (--keep-lines could not put every form
/// at its line).</summary>
public sealed record EppResult(string Beam, string Outcome, string? Detail);

/// <summary>
/// Prints every module's source from its debug info (what <c>beamdecode source</c> does) into a temporary directory,
/// one folder per module so names never collide, then hands the list to epp_roundtrip.escript, which checks them all
/// in one Erlang node: epp:parse_file gives the Dbgi forms back (proof 1) and compile:file gives the Code chunk of
/// compile:forms of the Dbgi forms (proof 2). One node for all modules: an erl process per module would cost minutes.
/// </summary>
public static class EppRoundTrip
{
    public static IReadOnlyList<EppResult> Run(IReadOnlyList<string> beams, bool keepLines)
    {
        string escript = ErlangTool.Escript;
        string dir = ErlangTool.CreateTempDirectory("epp-roundtrip");
        try
        {
            var erlPaths = new string?[beams.Count];
            var own = new EppResult?[beams.Count];
            var options = new PrinterOptions { KeepLines = keepLines };
            Parallel.For(0, beams.Count, i =>
            {
                try
                {
                    var recovered = ModuleSource.Recover(BeamFile.Read(File.ReadAllBytes(beams[i])), options);
                    if (recovered.Text is null)
                    {
                        own[i] = new EppResult(beams[i], "skipped", recovered.Detail);
                        return;
                    }

                    if (keepLines && recovered.MisplacedForms > 0)
                    {
                        // Proof 3 is for modules whose forms do not share lines: these cannot keep every line.
                        own[i] = new EppResult(beams[i], "shared_lines", $"{recovered.MisplacedForms} form(s) not at their line");
                        return;
                    }

                    if (recovered.Diagnostics.Count > 0)
                    {
                        own[i] = new EppResult(beams[i], "print", string.Join("; ", recovered.Diagnostics.Take(3)));
                        return;
                    }

                    string folder = Path.Combine(dir, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
                    Directory.CreateDirectory(folder);
                    string path = Path.Combine(folder, Path.GetFileNameWithoutExtension(beams[i]) + ".erl");
                    File.WriteAllText(path, recovered.Text, new UTF8Encoding(false));
                    erlPaths[i] = path;
                }
                catch (BadBeamFormatException e)
                {
                    own[i] = new EppResult(beams[i], "print", e.Describe());
                }
            });

            var list = new StringBuilder();
            string mode = keepLines ? "keep_lines" : "plain";
            for (int i = 0; i < beams.Count; i++)
            {
                if (erlPaths[i] is { } path)
                {
                    list.Append(beams[i]).Append('\t').Append(path).Append('\t').Append(mode).Append('\n');
                }
            }

            string listFile = Path.Combine(dir, "modules.tsv");
            string report = Path.Combine(dir, "report.tsv");
            File.WriteAllText(listFile, list.ToString(), new UTF8Encoding(false));
            string script = Path.Combine(AppContext.BaseDirectory, "Epp", "epp_roundtrip.escript");
            ErlangTool.Run(escript, [script, listFile, report], TimeSpan.FromMinutes(25));

            var results = new List<EppResult>(beams.Count);
            results.AddRange(own.OfType<EppResult>());
            foreach (string line in File.ReadLines(report, Encoding.UTF8))
            {
                string[] f = line.Split('\t');
                results.Add(new EppResult(f[1], f[0], f.Length > 2 && f[2].Length > 0 ? f[2] : null));
            }

            return results;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("BEAMDECODE_KEEP_SOURCE") != "1")
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
