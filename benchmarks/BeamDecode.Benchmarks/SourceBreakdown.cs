using System.Diagnostics;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Benchmarks;

/// <summary>
/// Where `beamdecode source`'s time goes, one stage at a time over the corpus held in memory, on one thread:
/// the Dbgi term (inflate + <see cref="TermReader"/>) and the abstract-format reader (the term-tree path, now only
/// the fallback), the direct reader from the chunk's bytes (inflate + <see cref="StreamingFormReader"/>, what `source`
/// runs), and the printer (into its buffer, as `source` writes files). Each stage is
/// timed module by module as the CLI runs them, so the figures add up to the pipeline without file I/O and
/// threads (garbage collection is charged to the stage that triggered it). <c>dotnet run -c Release -- source-breakdown [RUNS]</c>; the best of RUNS is printed.
/// </summary>
public static class SourceBreakdown
{
    public static int Run(int runs, TextWriter output, bool sampleAllocations = false)
    {
        // With sampling, only the CLI's path runs (direct reader and printer): the runtime delivers the samples late,
        // so they cannot be told apart by stage.
        using var sampler = sampleAllocations ? new AllocationSampler { Enabled = true } : null;
        var corpus = Corpus.Instance;
        output.WriteLine($"Corpus: {corpus}");
        var best = new double[4];
        Array.Fill(best, double.MaxValue);
        long chars = 0, allocated = 0;
        var stageBytes = new long[4];
        int gen0 = 0, gen1 = 0, gen2 = 0;
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
            var times = new double[4];
            stageBytes = new long[4];
            chars = 0;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            int[] before = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            foreach (var bytes in files)
            {
                var beam = BeamFile.Read(bytes);
                long a0 = GC.GetAllocatedBytesForCurrentThread();
                long t0 = Stopwatch.GetTimestamp();
                if (sampler is null)
                {
                    var payload = beam.DebugInfo.DecodePayload()!;
                    _ = AbstractFormReader.ReadPayload(payload).Module;
                }

                long t2 = Stopwatch.GetTimestamp();
                long a2 = GC.GetAllocatedBytesForCurrentThread();
                var chunk = beam.FindChunk(ChunkId.Dbgi)!;
                var direct = StreamingFormReader.TryRead(chunk.Data.Span, dbgi: true)!;
                long t3 = Stopwatch.GetTimestamp();
                long a3 = GC.GetAllocatedBytesForCurrentThread();
                using (var printed = ErlangPrinter.PrintModuleText(direct).Text)
                {
                    // Disposed as the CLI does once the file is written: the buffer goes back to the pool.
                    chars += printed.Length;
                }


                long t4 = Stopwatch.GetTimestamp();
                long a4 = GC.GetAllocatedBytesForCurrentThread();
                stageBytes[0] += a2 - a0;
                stageBytes[2] += a3 - a2;
                stageBytes[3] += a4 - a3;
                times[0] += Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds;
                times[2] += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
                times[3] += Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds;
            }

            for (int k = 0; k < 4; k++)
            {
                best[k] = Math.Min(best[k], times[k]);
            }

            // Not timing: these do not depend on the load of a shared machine.
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            (gen0, gen1, gen2) = (GC.CollectionCount(0) - before[0], GC.CollectionCount(1) - before[1], GC.CollectionCount(2) - before[2]);
        }

        output.WriteLine($"term path (fallback: term decode and abstract-format reader) {best[0]:F1} ms; " +
                         $"direct reader {best[2]:F1} ms; printer {best[3]:F1} ms ({chars} chars)");
        output.WriteLine($"allocated by stage: term path {stageBytes[0] / 1e6:F1} MB; direct {stageBytes[2] / 1e6:F1} MB; printer {stageBytes[3] / 1e6:F1} MB");
        if (sampler is not null)
        {
            output.WriteLine("direct reader and printer allocations by type (sampled):");
            foreach (var (type, bytes) in sampler.TakeTop(25))
            {
                output.WriteLine($"  {bytes / 1e6,8:F1} MB  {type}");
            }
        }

        output.WriteLine($"allocated {allocated / 1e6:F1} MB in one run; collections gen0 {gen0}, gen1 {gen1}, gen2 {gen2} (counts include higher generations)");
        return 0;
    }
}
