using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using System.Text;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>info --json</c> as a pipeline: one worker per core takes the next module in path order, decodes it and writes its
/// JSON into a buffer of its own; the calling thread writes those buffers out in path order as they complete. The
/// document is the same as serializing the whole list at the end, but no summary outlives its module (they used to
/// survive every collection until the end) and the serializing is spread over the cores and overlaps the decoding
/// (benchmarks/README.md, compare.sh).
/// </summary>
internal static class InfoJsonRun
{
    /// <summary>A finished module: its JSON, or its diagnostic, or the exception of a bug (rethrown on the caller).</summary>
    private sealed record Done(PooledBufferWriter? Json, ToolDiagnostic? Diagnostic, ExceptionDispatchInfo? Crash);

    public static int Run(TextWriter stdout, TextWriter stderr, ImmutableArray<InputFile> files, int exit)
    {
        var done = new Done?[files.Length];
        var gate = new object();
        int next = -1;
        int workers = Math.Min(Environment.ProcessorCount, files.Length);
        for (int w = 0; w < workers; w++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => Work(), null);
        }

        bool console = ReferenceEquals(stdout, Console.Out);
        Stream output;
        if (console)
        {
            // Straight to the process's stdout as UTF-8, in 64 KB writes (a pipe holds 64 KB by default).
            stdout.Flush();
            output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        }
        else
        {
            output = new MemoryStream();
        }

        using (output)
        {
            bool first = true;
            for (int i = 0; i < done.Length; i++)
            {
                var d = Volatile.Read(ref done[i]);
                if (d is null)
                {
                    lock (gate)
                    {
                        while ((d = done[i]) is null)
                        {
                            Monitor.Wait(gate);
                        }
                    }
                }

                d.Crash?.Throw();
                if (d.Json is { } json)
                {
                    output.Write(first ? InfoJsonWriter.Open : InfoJsonWriter.Separator);
                    output.Write(json.WrittenSpan);
                    json.Dispose();
                    first = false;
                }
                else
                {
                    stderr.WriteLine(d.Diagnostic!.ToString());
                    exit = ExitCodes.Trouble;
                }
            }

            output.Write(first ? InfoJsonWriter.Empty : InfoJsonWriter.Close);
            output.Flush();
            if (output is MemoryStream memory)
            {
                stdout.Write(Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
            }
        }

        return exit;

        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < done.Length)
            {
                Done d;
                try
                {
                    var result = ModuleReader.ReadSummary(files[i].DisplayPath, files[i].FullPath);
                    if (result.Summary is { } summary)
                    {
                        var json = new PooledBufferWriter(16 << 10);
                        InfoJsonWriter.WriteModule(json, summary);
                        d = new Done(json, null, null);
                    }
                    else
                    {
                        d = new Done(null, result.Diagnostic, null);
                    }
                }
                catch (Exception e)
                {
                    d = new Done(null, null, ExceptionDispatchInfo.Capture(e));
                }

                lock (gate)
                {
                    done[i] = d;
                    Monitor.PulseAll(gate);
                }
            }
        }
    }
}
