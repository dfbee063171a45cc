using BeamDecode.Forensics.Carving;
using BenchmarkDotNet.Attributes;

namespace BeamDecode.Benchmarks;

/// <summary>
/// <c>beamdecode carve</c>'s scan on one core: 512 MB of random bytes with 64 real beams from the corpus at random
/// unaligned offsets. <see cref="Markers"/> is the in-memory search alone; <see cref="ScanFile"/> the whole scan of
/// the same bytes as a file (page cache warm after the first iteration), including validating every image.
/// The MB/s column does not apply (it is the corpus's); divide 536.9 MB by the time (benchmarks/README.md).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class CarveBenchmarks
{
    public const int BlobSize = 512 << 20;

    private byte[] _blob = [];
    private string _path = "";
    private readonly List<long> _hits = new(256);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _blob = new byte[BlobSize];
        random.NextBytes(_blob);
        var beams = Corpus.Instance.Files.Where(f => f.Length < 200_000).Take(64).ToArray();
        foreach (var beam in beams)
        {
            beam.CopyTo(_blob, random.Next(0, BlobSize - beam.Length));
        }

        _path = Path.Combine(Path.GetTempPath(), $"bd-carve-bench-{Environment.ProcessId}.bin");
        File.WriteAllBytes(_path, _blob);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public int Markers()
    {
        _hits.Clear();
        BeamCarver.FindMarkers(_blob, 0, _hits);
        return _hits.Count;
    }

    [Benchmark]
    public int ScanFile() => BeamCarver.Scan(_path).Images.Length;
}
