using System.Diagnostics;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Benchmarks;

/// <summary>
/// Where `beamdecode source`'s time goes, one stage at a time over the corpus held in memory, on one thread:
/// the Dbgi term (inflate + <see cref="TermReader"/>), the abstract-format reader, the printer. Each stage is
/// timed module by module as the CLI runs them, so the figures add up to the pipeline without file I/O and
/// threads (garbage collection is charged to the stage that triggered it). <c>dotnet run -c Release -- source-breakdown [RUNS]</c>; the best of RUNS is printed.
/// </summary>
public static class SourceBreakdown
{
    public static int Run(int runs, TextWriter output)
    {
        var corpus = Corpus.Instance;
        output.WriteLine($"Corpus: {corpus}");
        var best = new double[3];
        Array.Fill(best, double.MaxValue);
        long chars = 0;
        for (int run = 0; run < runs; run++)
        {
            // The files are kept, not the BeamFiles: a BeamFile keeps its decoded debug info.
            var files = new List<byte[]>();
            foreach (var bytes in corpus.Files)
            {
                if (BeamFile.Read(bytes).DebugInfo.Kind == DebugInfoKind.ErlangV1)
                {
                    files.Add(bytes);
                }
            }

            // Module by module, as the CLI does (holding every module's terms at once would time the GC instead).
            var times = new double[3];
            chars = 0;
            foreach (var bytes in files)
            {
                var beam = BeamFile.Read(bytes);
                long t0 = Stopwatch.GetTimestamp();
                var payload = beam.DebugInfo.Payload!;
                long t1 = Stopwatch.GetTimestamp();
                var module = AbstractFormReader.ReadPayload(payload).Module;
                long t2 = Stopwatch.GetTimestamp();
                chars += ErlangPrinter.Print(module).Length;
                long t3 = Stopwatch.GetTimestamp();
                times[0] += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                times[1] += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                times[2] += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
            }

            for (int k = 0; k < 3; k++)
            {
                best[k] = Math.Min(best[k], times[k]);
            }
        }

        output.WriteLine($"term decode {best[0]:F1} ms, abstract-format reader {best[1]:F1} ms, printer {best[2]:F1} ms ({chars} chars)");
        return 0;
    }
}
