using System.Diagnostics;
using System.Globalization;
using BeamDecode.Forensics.Baselines;
using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- reads DUMP BASELINE [RUNS]</c>: in-process time to read a collector dump and a
/// baseline (the target: a 2,000-module dump or baseline in under a second), best and median of RUNS
/// after one warm-up. Make the inputs with benchmarks/make_dump_2000.escript and `beamdecode baseline create`.
/// </summary>
public static class ForensicsReads
{
    public static int Run(string dump, string baseline, int runs, TextWriter output)
    {
        Measure(output, "collector dump", dump, runs, () => CollectorDumpReader.ReadFile(dump).Modules.Length);
        Measure(output, "baseline", baseline, runs, () => BaselineReader.ReadFile(baseline).Modules.Length);
        // The share of the dump's time that is zlib alone (the collector writes one compressed term: one stream).
        byte[] bytes = File.ReadAllBytes(dump);
        Measure(output, "  of which zlib inflate", dump, runs, () =>
        {
            using var z = new System.IO.Compression.ZLibStream(new MemoryStream(bytes, 6, bytes.Length - 6), System.IO.Compression.CompressionMode.Decompress);
            var buffer = new byte[1 << 20];
            int total = 0, n;
            while ((n = z.Read(buffer)) > 0)
            {
                total += n;
            }

            return total;
        });
        return 0;
    }

    private static void Measure(TextWriter output, string what, string path, int runs, Func<int> read)
    {
        int modules = read();
        var times = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {path} ({new FileInfo(path).Length} bytes, {modules} modules): best {times[0]:F0} ms, median {times[times.Count / 2]:F0} ms over {runs} runs"));
    }
}
