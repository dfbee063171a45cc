namespace BeamDecode.Cli.Commands;

/// <summary>
/// How the per-file commands (disasm, source, parse) spread files over the cores: the biggest files first, handed
/// out one at a time from one counter, one worker per core. So no core is left with a big file at the end while the
/// other idles (the OTP tree's largest modules take 30 times the median), and no third thread competes for two
/// cores. Results stay in the callers' arrays, in input order.
/// </summary>
internal static class BiggestFirst
{
    /// <summary>Runs <paramref name="work"/> for every index of <paramref name="paths"/>, biggest file first, on the
    /// calling thread and the threads of <paramref name="crew"/> (a crew of its own when none is given: a command
    /// that starts one before it finds its inputs has the threads running by the time the work begins).</summary>
    public static void ForEach(IReadOnlyList<string> paths, Action<int> work, WorkerCrew? crew = null)
    {
        if (crew is not null)
        {
            Run(paths, work, crew);
            return;
        }

        using var own = WorkerCrew.Start();
        Run(paths, work, own);
    }

    /// <summary>The indexes of <paramref name="paths"/> by decreasing file size; equal sizes keep the input order.</summary>
    internal static int[] Order(IReadOnlyList<string> paths)
    {
        var sizes = new long[paths.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = Size(paths[i]);
        }

        return Sort(sizes);
    }

    /// <summary>
    /// Every worker first takes files to size (one stat each: over the OTP tree a millisecond or two that used to be
    /// serial start-up), then, once all are sized, whichever finished sizing last sorts, and all take work in that
    /// order. Sizing is counted per file, not per worker: a crew thread that starts late, or never, holds nobody up.
    /// </summary>
    private static void Run(IReadOnlyList<string> paths, Action<int> work, WorkerCrew crew)
    {
        int count = paths.Count;
        var sizes = new long[count];
        int nextSize = -1, sized = 0, nextWork = -1;
        int[]? order = null;
        crew.Run(Environment.ProcessorCount, () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref nextSize)) < count)
            {
                try
                {
                    sizes[i] = Size(paths[i]);
                }
                finally
                {
                    Interlocked.Increment(ref sized);
                }
            }

            // Whoever sees every file sized sorts (two may: the same order, the first one kept); the rest wait. The
            // check is in the loop, so a waiting thread sorts itself if the one that sized last has gone (it threw).
            int[]? mine;
            var spin = default(SpinWait);
            while ((mine = Volatile.Read(ref order)) is null)
            {
                if (Volatile.Read(ref sized) == count)
                {
                    Interlocked.CompareExchange(ref order, Sort(sizes), null);
                    continue;
                }

                spin.SpinOnce();
            }

            while ((i = Interlocked.Increment(ref nextWork)) < count)
            {
                work(mine[i]);
            }
        });
    }

    private static int[] Sort(long[] sizes)
    {
        var order = new int[sizes.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

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
