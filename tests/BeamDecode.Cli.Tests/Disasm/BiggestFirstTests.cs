using BeamDecode.Cli.Commands;

namespace BeamDecode.Cli.Tests.Disasm;

/// <summary>
/// The order the per-file commands hand files to their workers: biggest first, equal sizes in input order, files
/// that cannot be sized (gone, or no file of their own) last; every file visited once, whatever the threads.
/// </summary>
public sealed class BiggestFirstTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"beamdecode-biggest-first-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public BiggestFirstTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(5)]
    [InlineData(200)]
    public void Order_IsBySizeDescending_TiesInInputOrder_UnsizableLast(int count)
    {
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            if (i % 7 == 3)
            {
                paths.Add(Path.Combine(_dir, $"missing-{i}.beam"));
                continue;
            }

            string path = Path.Combine(_dir, $"m{i}.beam");
            File.WriteAllBytes(path, new byte[(i * 37) % 11 * 100 + 1]);
            paths.Add(path);
        }

        var order = BiggestFirst.Order(paths);

        long SizeOf(int i) => File.Exists(paths[i]) ? new FileInfo(paths[i]).Length : 0;
        var expected = Enumerable.Range(0, count).OrderByDescending(SizeOf).ThenBy(i => i).ToArray();
        Assert.Equal(expected, order);
        Assert.True(SizeOf(order[0]) > 1);
        Assert.Equal(0, SizeOf(order[^1]));
    }

    [Fact]
    public void ForEach_OnOneThread_VisitsInOrder()
    {
        var paths = MakeFiles(150);
        var visited = new List<int>();
        using (var crew = WorkerCrew.Start(0))
        {
            BiggestFirst.ForEach(paths, i => visited.Add(i), crew);
        }

        Assert.Equal(BiggestFirst.Order(paths), visited);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300)]
    public void ForEach_OnSeveralThreads_VisitsEveryIndexOnce(int count)
    {
        var paths = MakeFiles(count);
        var visits = new int[count];
        using (var crew = WorkerCrew.Start(3))
        {
            BiggestFirst.ForEach(paths, i => Interlocked.Increment(ref visits[i]), crew);
        }

        Assert.All(visits, v => Assert.Equal(1, v));
    }

    [Fact]
    public void ForEach_WithoutCrew_VisitsEveryIndexOnce()
    {
        var paths = MakeFiles(100);
        var visits = new int[paths.Count];
        BiggestFirst.ForEach(paths, i => Interlocked.Increment(ref visits[i]));
        Assert.All(visits, v => Assert.Equal(1, v));
    }

    private List<string> MakeFiles(int count)
    {
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string path = Path.Combine(_dir, $"f{count}-{i}.beam");
            File.WriteAllBytes(path, new byte[(i * 53) % 17 * 10]);
            paths.Add(path);
        }

        return paths;
    }
}
