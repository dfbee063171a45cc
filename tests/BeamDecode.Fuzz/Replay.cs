using System.Diagnostics;

namespace BeamDecode.Fuzz;

/// <summary>Runs inputs through a target once each, outside AFL: the CI replay of seeds and regressions.</summary>
public static class Replay
{
    /// <summary>An input slower than this is a hang (afl-fuzz runs with <c>-t 1000</c>).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>A breach of the contract: an exception other than the allowed one, or an input over budget.</summary>
    public sealed record Failure(string Path, string What);

    /// <summary>Every regular file named, or under a directory named, in a stable order.</summary>
    public static IReadOnlyList<string> Files(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                var under = Directory.GetFiles(p, "*", SearchOption.AllDirectories)
                    .Where(f => !Hidden(Path.GetRelativePath(p, f)) && !f.EndsWith(".md", StringComparison.Ordinal));
                files.AddRange(under.Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
        }

        return files;
    }

    /// <summary>A name or folder starting with a dot (afl-fuzz keeps its bookkeeping in queue/.state).</summary>
    private static bool Hidden(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));

    /// <summary>Runs each input once; one slower than <paramref name="budget"/> (default <see cref="Budget"/>, AFL's
    /// hang limit) even when run again warm is a failure.</summary>
    public static IReadOnlyList<Failure> Run(FuzzTarget target, IEnumerable<string> paths, TextWriter? log = null, TimeSpan? budget = null)
    {
        var limit = budget ?? Budget;
        var failures = new List<Failure>();
        foreach (var file in Files(paths))
        {
            var input = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            string outcome = "decoded";
            try
            {
                target.Run(input);
            }
            catch (Exception e) when (target.Allowed is not null && target.Allowed.IsInstanceOfType(e))
            {
                outcome = e is Metadata.BadBeamFormatException bad ? "rejected: " + bad.Describe() : "rejected: " + e.Message;
            }
            catch (Exception e)
            {
                failures.Add(new Failure(file, $"{e.GetType().Name}: {e.Message}"));
                log?.WriteLine($"FAIL {file}: {e}");
                continue;
            }

            clock.Stop();
            if (clock.Elapsed > limit)
            {
                // Once more, warm: the first call of a target pays for JIT compilation of everything it reaches.
                clock.Restart();
                target.RunChecked(input);
                if (clock.Elapsed > limit)
                {
                    failures.Add(new Failure(file, $"took {clock.Elapsed.TotalMilliseconds:F0} ms"));
                    log?.WriteLine($"SLOW {file}: {clock.Elapsed.TotalMilliseconds:F0} ms");
                    continue;
                }
            }

            log?.WriteLine($"ok   {file} ({clock.Elapsed.TotalMilliseconds:F1} ms, {outcome})");
        }

        return failures;
    }
}
