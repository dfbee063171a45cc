using BenchmarkDotNet.Running;

namespace BeamDecode.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- [BenchmarkDotNet arguments]</c> runs the benchmarks (e.g. <c>--filter '*' --job short</c>);
/// <c>dotnet run -c Release -- breakdown [RUNS]</c> runs the Stopwatch harness instead (where `info`'s time goes);
/// <c>dotnet run -c Release -- reads DUMP BASELINE [RUNS]</c> times reading a collector dump and a baseline;
/// <c>dotnet run -c Release -- source-breakdown [RUNS]</c> times the stages of `source` (and what each allocates);
/// <c>dotnet run -c Release -- disasm-breakdown [RUNS]</c> the stages of `disasm`.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["breakdown", ..])
        {
            int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
            return Breakdown.Run(runs, Console.Out);
        }

        if (args is ["reads", var dump, var baseline, ..])
        {
            int runs = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5;
            return ForensicsReads.Run(dump, baseline, runs, Console.Out);
        }

        if (args is ["source-breakdown", ..])
        {
            int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
            return SourceBreakdown.Run(runs, Console.Out, args.Contains("--allocations"));
        }

        if (args is ["disasm-breakdown", ..])
        {
            int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
            return DisasmBreakdown.Run(runs, Console.Out);
        }

        Console.WriteLine($"Corpus: {Corpus.Instance}");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
