using BenchmarkDotNet.Running;

namespace BeamDecode.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- [BenchmarkDotNet arguments]</c> runs the benchmarks (e.g. <c>--filter '*' --job short</c>);
/// <c>dotnet run -c Release -- breakdown [RUNS]</c> runs the Stopwatch harness instead (where `info`'s time goes).
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

        Console.WriteLine($"Corpus: {Corpus.Instance}");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
