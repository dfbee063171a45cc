using BeamDecode.Conformance.Tests.Erlang;

namespace BeamDecode.Conformance.Tests.BeamLib;

/// <summary>
/// What beam_lib says about a set of files, from beam_lib_truth.escript (one run for all files).
/// Fields are the ~w texts the escript wrote; see the script's header for the columns.
/// </summary>
public sealed record BeamLibTruth(
    string Path,
    string Module,
    string Md5,
    string? LoadedMd5,
    string Chunks,
    string Exports,
    string LabeledExports,
    string Imports,
    string Locals,
    string Attributes,
    string CompileInfo,
    string DebugInfo)
{
    /// <summary>Runs the escript over <paramref name="files"/>; returns truth per path and beam_lib's errors per path.</summary>
    public static (Dictionary<string, BeamLibTruth> Truth, Dictionary<string, string> Errors) Ask(IReadOnlyList<string> files)
    {
        string escript = ErlangTool.Escript;
        string dir = ErlangTool.CreateTempDirectory("beamlib-truth");
        try
        {
            string list = System.IO.Path.Combine(dir, "files.txt");
            string output = System.IO.Path.Combine(dir, "truth.tsv");
            File.WriteAllLines(list, files);
            string script = System.IO.Path.Combine(AppContext.BaseDirectory, "BeamLib", "beam_lib_truth.escript");
            ErlangTool.Run(escript, [script, list, output], TimeSpan.FromMinutes(10));
            var truth = new Dictionary<string, BeamLibTruth>(StringComparer.Ordinal);
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(output))
            {
                string[] f = line.Split('\t');
                if (f[0] == "error" && f.Length == 3)
                {
                    errors[f[1]] = f[2];
                    continue;
                }

                Assert.True(f.Length == 13 && f[0] == "ok", $"unexpected escript line: {line}");
                truth[f[1]] = new BeamLibTruth(f[1], f[2], f[3], f[4] == "-" ? null : f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]);
            }

            Assert.Equal(files.Count, truth.Count + errors.Count);
            return (truth, errors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
