using System.Diagnostics;

namespace BeamDecode.Fuzz;

/// <summary>
/// A target's speed outside AFL: every input (a campaign's queue, say) run in a loop for a while, in one process,
/// uninstrumented. Reports executions per second of wall time and per second of this process's CPU time; the
/// second does not depend on what else the machine runs, which a campaign's figure does (afl-fuzz at nice 19 on a
/// shared machine gets what is left). Used to profile targets that ran under 1,000 executions a second.
/// </summary>
public static class Throughput
{
    public sealed record Result(int Inputs, long Executions, TimeSpan Wall, TimeSpan Cpu)
    {
        public double PerWallSecond => Executions / Wall.TotalSeconds;

        public double PerCpuSecond => Executions / Cpu.TotalSeconds;
    }

    public static Result Measure(FuzzTarget target, IEnumerable<string> paths, TimeSpan duration)
    {
        var inputs = Replay.Files(paths).Select(File.ReadAllBytes).ToArray();
        if (inputs.Length == 0)
        {
            return new Result(0, 0, TimeSpan.Zero, TimeSpan.Zero);
        }

        // One pass first: JIT compilation of everything the inputs reach is not the target's speed.
        foreach (var input in inputs)
        {
            target.RunChecked(input);
        }

        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long executions = 0;
        while (clock.Elapsed < duration)
        {
            foreach (var input in inputs)
            {
                target.RunChecked(input);
            }

            executions += inputs.Length;
        }

        clock.Stop();
        process.Refresh();
        return new Result(inputs.Length, executions, clock.Elapsed, process.TotalProcessorTime - cpu0);
    }
}
