using System.Diagnostics;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Code;

namespace BeamDecode.Benchmarks;

/// <summary>
/// A Stopwatch harness for <c>disasm</c>: each stage over the whole corpus on one thread (the files already in
/// memory), its first call, the median of RUNS more, and the bytes it allocated (median run). Each stage includes
/// the ones above it that it needs (a fresh <see cref="BeamFile"/> per module), so differences between rows size
/// a stage. <c>dotnet run -c Release --project benchmarks/BeamDecode.Benchmarks -- disasm-breakdown [RUNS]</c>.
/// </summary>
public static class DisasmBreakdown
{
    public static int Run(int runs, TextWriter output)
    {
        runs = Math.Max(1, runs);
        var corpus = Corpus.Instance;
        var files = corpus.Files;
        output.WriteLine($"Corpus: {corpus}");
        output.WriteLine($"Runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; {runs} warm runs per stage, one thread.");
        output.WriteLine();
        long sink = 0;
        var stages = new List<(string Name, Func<long> Body)>
        {
            ("container (BeamFile.Read)", () => files.Sum(b => (long)BeamFile.Read(b).Chunks.Length)),
            ("+ atoms", () => files.Sum(b => (long)BeamFile.Read(b).Atoms.Count)),
            ("+ imports, exports", () => files.Sum(b =>
            {
                var beam = BeamFile.Read(b);
                return (long)beam.Imports.Length + beam.Exports.Length;
            })),
            ("+ literals", () => files.Sum(b => (long)(BeamFile.Read(b).Literals?.Count ?? 0))),
            ("+ lines", () => files.Sum(b => (long)(BeamFile.Read(b).Lines?.Items.Length ?? 0))),
            ("+ attributes", () => files.Sum(b => BeamFile.Read(b).Attributes is null ? 0L : 1L)),
            ("+ tables the writer reads (atoms, imports, exports, literals, lines, types, attributes)", () => files.Sum(Tables)),
            ("+ Disassembler.Disassemble (object model)", () => files.Sum(b => (long)Disassembler.Disassemble(BeamFile.Read(b)).Functions.Length)),
            ("+ Disassemble, then AsmWriter.Write(module) (object model path)", () => files.Sum(b => (long)AsmWriter.Write(Disassembler.Disassemble(BeamFile.Read(b))).Length)),
            ("AsmWriter.Write(beam, handler) (streaming path, as disasm)", () => files.Sum(b =>
            {
                long n = 0;
                AsmWriter.Write(BeamFile.Read(b), text => n = text.Length);
                return n;
            })),
        };

        output.WriteLine("| Stage | first run ms | warm median ms | allocated MB (warm) |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, body) in stages)
        {
            var sw = Stopwatch.StartNew();
            sink += body();
            double cold = sw.Elapsed.TotalMilliseconds;
            var warm = new (double Ms, long Bytes)[runs];
            for (int i = 0; i < runs; i++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                sw.Restart();
                sink += body();
                warm[i] = (sw.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Array.Sort(warm);
            var median = warm[runs / 2];
            output.WriteLine($"| {name} | {cold:F1} | {median.Ms:F1} | {median.Bytes / 1e6:F1} |");
        }

        output.WriteLine();
        output.WriteLine($"(checksum {sink})");
        return 0;
    }

    private static long Tables(byte[] bytes)
    {
        var beam = BeamFile.Read(bytes);
        long n = beam.Atoms.Count + beam.Imports.Length + beam.Exports.Length + (beam.Literals?.Count ?? 0);
        n += beam.Lines?.Items.Length ?? 0;
        n += beam.Types?.Entries.Length ?? 0;
        return n + (beam.Attributes is null ? 0 : 1);
    }
}
