using System.Collections.Concurrent;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// How the per-file commands (disasm, source, parse) spread files over the cores: the biggest files first, handed
/// out one at a time from one queue, one worker per core. So no core is left with a big file at the end while the
/// other idles (the OTP tree's largest modules take 30 times the median), and no third thread competes for two
/// cores (<c>Parallel.ForEach</c> without a cap runs the calling thread beside the pool's workers). Results stay in
/// the callers' arrays, in input order.
/// </summary>
internal static class BiggestFirst
{
    /// <summary>Runs <paramref name="work"/> for every index of <paramref name="paths"/>, biggest file first.</summary>
    public static void ForEach(IReadOnlyList<string> paths, Action<int> work)
    {
        var queue = Partitioner.Create(Order(paths), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(queue, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, work);
    }

    /// <summary>The indexes of <paramref name="paths"/> by decreasing file size; equal sizes keep the input order.</summary>
    internal static int[] Order(IReadOnlyList<string> paths)
    {
        var sizes = new long[paths.Count];
        var order = new int[paths.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // One stat per file, before any work can start: over the OTP tree that is a millisecond or two of the run's
        // serial start, so the cores share it (and the pool's threads are started for the work that follows).
        int workers = order.Length < 64 ? 1 : Environment.ProcessorCount;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (int i = w; i < sizes.Length; i += workers)
            {
                sizes[i] = Size(paths[i]);
            }
        });

        Array.Sort(order, (a, b) => sizes[a] != sizes[b] ? sizes[b].CompareTo(sizes[a]) : a.CompareTo(b));
        return order;
    }

    private static long Size(string path)
    {
        try
        {
            // A member of a dump or archive (no file of its own), or a file that went away: size 0, its turn comes
            // last, and reading it reports the problem.
            var info = new FileInfo(path);
            return info.Exists ? info.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }
}
