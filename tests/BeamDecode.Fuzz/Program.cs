using SharpFuzz;

namespace BeamDecode.Fuzz;

/// <summary>
/// <c>BeamDecode.Fuzz TARGET</c>: the AFL++ persistent-mode harness (run.sh starts it under afl-fuzz).
/// <c>BeamDecode.Fuzz TARGET --replay PATH...</c>: runs files (or every file under directories) once each, without
/// AFL, and fails on a contract breach or an input slower than one second; tests and triage use it.
/// <c>BeamDecode.Fuzz TARGET --rate SECONDS PATH...</c>: the target's executions per second (wall and CPU) over
/// those inputs, in a loop outside AFL (<see cref="Throughput"/>).
/// <c>BeamDecode.Fuzz --list</c>: the targets (name, seed folder, failure type, what it decodes; tab-separated).
/// <c>BeamDecode.Fuzz --baseline-payload IN OUT</c>: writes the first block of baseline IN, inflated and behind an odd
/// byte, as the baseline target's structure-aware seed (make-seeds.sh).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--list")
        {
            foreach (var t in FuzzTargets.All)
            {
                Console.WriteLine($"{t.Name}\t{t.Seeds}\t{t.Allowed?.Name ?? "(nothing)"}\t{t.Decoder}");
            }

            return 0;
        }

        if (args.Length == 3 && args[0] == "--baseline-payload")
        {
            File.WriteAllBytes(args[2], [1, .. FuzzTargets.BaselinePayload(File.ReadAllBytes(args[1]))]);
            return 0;
        }

        if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
        {
            Console.Error.WriteLine("usage: BeamDecode.Fuzz TARGET [--replay PATH... | --rate SECONDS PATH...] | --list");
            Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
            return 2;
        }

        if (args.Length >= 4 && args[1] == "--rate" && double.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out double seconds))
        {
            var rate = Throughput.Measure(target, args[3..], TimeSpan.FromSeconds(seconds));
            Console.WriteLine(System.FormattableString.Invariant(
                $"target={target.Name} inputs={rate.Inputs} execs={rate.Executions} wall={rate.Wall.TotalSeconds:F1}s cpu={rate.Cpu.TotalSeconds:F1}s execs_per_wall_sec={rate.PerWallSecond:F0} execs_per_cpu_sec={rate.PerCpuSecond:F0}"));
            return 0;
        }

        if (args.Length >= 2 && args[1] == "--replay")
        {
            var failures = Replay.Run(target, args[2..], Console.Out);
            return failures.Count == 0 ? 0 : 1;
        }

        // The stream holds AFL's current input; copy it out so targets see a plain array (as a file read gives).
        Fuzzer.Run(stream =>
        {
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            target.RunChecked(ms.ToArray());
        });
        return 0;
    }
}
