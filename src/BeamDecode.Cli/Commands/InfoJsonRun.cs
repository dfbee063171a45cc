using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using System.Text;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>info --json</c> as a pipeline: one worker per core (the calling thread is one) takes the next module in path
/// order, decodes it and writes its JSON into a buffer of its own; whichever worker finishes the module that is next
/// in path order writes it, and any that follow it already finished, to the output. The document is the same as
/// serializing the whole list at the end, but no summary outlives its module (they used to survive every collection
/// until the end), the serializing is spread over the cores and overlaps the decoding, and no thread sleeps waiting
/// for a module and is woken for each (benchmarks/README.md, compare.sh).
/// </summary>
internal static class InfoJsonRun
{
    /// <summary>A finished module: its JSON, or its diagnostic, or the exception of a bug (rethrown on the caller).</summary>
    private sealed record Done(PooledBufferWriter? Json, ToolDiagnostic? Diagnostic, ExceptionDispatchInfo? Crash);

    /// <summary>Writes each module visited into <see cref="Json"/>, straight from its bytes
    /// (<see cref="InfoJsonWriter.WriteModule(PooledBufferWriter, string, BeamFile)"/>).</summary>
    private sealed class JsonVisitor : ModuleVisitor
    {
        public PooledBufferWriter Json { get; set; } = null!;

        public override void Module(string displayPath, BeamDecode.Metadata.BeamFile beam) => InfoJsonWriter.WriteModule(Json, displayPath, beam);

        public override void Summary(BeamDecode.Metadata.ModuleSummary summary) => InfoJsonWriter.WriteModule(Json, summary);

        public override void Discard() => Json.Clear();
    }

    public static int Run(TextWriter stdout, TextWriter stderr, ImmutableArray<InputFile> files, int exit)
    {
        var done = new Done?[files.Length];
        var gate = new object();
        int next = -1;

        // Guarded by gate: the first module not yet written, and whether a worker is writing.
        int toWrite = 0;
        bool writing = false;

        // Touched only by the worker that is writing (handed over under gate).
        bool first = true;
        ExceptionDispatchInfo? crash = null;

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
            int workers = Math.Max(1, Math.Min(Environment.ProcessorCount, files.Length));
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work());
            crash?.Throw();
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
            var visitor = new JsonVisitor();
            int i;
            while ((i = Interlocked.Increment(ref next)) < done.Length)
            {
                Done d;
                var json = visitor.Json = new PooledBufferWriter(16 << 10);
                try
                {
                    d = ModuleReader.Read(files[i].DisplayPath, files[i].FullPath, visitor) is { } diagnostic
                        ? new Done(null, diagnostic, null)
                        : new Done(json, null, null);
                }
                catch (Exception e)
                {
                    d = new Done(null, null, ExceptionDispatchInfo.Capture(e));
                }

                if (d.Json is null)
                {
                    json.Dispose();
                }

                lock (gate)
                {
                    done[i] = d;
                    if (writing || i != toWrite)
                    {
                        continue;
                    }

                    writing = true;
                }

                WriteReady();
            }
        }

        // Writes modules in path order from toWrite for as long as they are finished, then gives up the writer's role.
        void WriteReady()
        {
            while (true)
            {
                Done? d;
                lock (gate)
                {
                    d = toWrite < done.Length ? done[toWrite] : null;
                    if (d is null)
                    {
                        writing = false;
                        return;
                    }

                    done[toWrite] = null;
                    toWrite++;
                }

                if (crash is not null)
                {
                    d.Json?.Dispose();
                    continue;
                }

                try
                {
                    if (d.Crash is not null)
                    {
                        crash = d.Crash;
                    }
                    else if (d.Json is { } json)
                    {
                        output.Write(first ? InfoJsonWriter.Open : InfoJsonWriter.Separator);
                        output.Write(json.WrittenSpan);
                        first = false;
                    }
                    else
                    {
                        stderr.WriteLine(d.Diagnostic!.ToString());
                        exit = ExitCodes.Trouble;
                    }
                }
                catch (Exception e)
                {
                    // Rethrown as itself on the calling thread (a closed pipe is an IOException the host reports),
                    // not wrapped by Parallel.For.
                    crash = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    d.Json?.Dispose();
                }
            }
        }
    }
}
