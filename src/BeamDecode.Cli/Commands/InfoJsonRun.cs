using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using System.Text;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>info --json</c> as a pipeline: one worker per core (the calling thread is one) takes the next module in path
/// order, decodes it and writes its JSON into a buffer of its own, with the md5 left to fill in; after a batch of
/// modules it hashes their md5s together (<see cref="Md5BatchSize"/>) and fills them in; whichever worker finishes the
/// module that is next in path order writes it, and any that follow it already finished, to the output. The document
/// is the same as serializing the whole list at the end, but no summary outlives its module (they used to survive every collection
/// until the end), the serializing is spread over the cores and overlaps the decoding, and no thread sleeps waiting
/// for a module and is woken for each (benchmarks/README.md, compare.sh).
/// </summary>
internal static class InfoJsonRun
{
    /// <summary>A finished module: its JSON, or its diagnostic, or the exception of a bug (rethrown on the caller).</summary>
    private sealed record Done(PooledBufferWriter? Json, ToolDiagnostic? Diagnostic, ExceptionDispatchInfo? Crash);

    /// <summary>
    /// Modules a worker reads before it hashes their md5s together (<see cref="Md5MultiBuffer"/>, eight at once in SSE
    /// lanes, longest first) and hands them on, unless their hashed bytes reach <see cref="Md5BatchBytes"/> first. A lane
    /// that finishes its module takes the next one of the batch, but the batch's last blocks are hashed beside idle
    /// lanes: the fewer modules, the more of them. Over the OTP tree (9.2 MB hashed), with one thread: 7.8 ms of CPU in
    /// batches of 16, 5.5 ms in batches of 32, 4.5 ms in batches of 64, 3.8 ms all at once, 10.7 ms with OpenSSL one
    /// module at a time; the whole run took least CPU with 32 (benchmarks/README.md, "MD5 of eight modules at once").
    /// </summary>
    private const int Md5BatchSize = 32;

    /// <summary>Hashed bytes after which a batch is hashed even if it has fewer modules: bounds the staging buffer.</summary>
    private const int Md5BatchBytes = 512 << 10;

    /// <summary>Writes each module visited into <see cref="Json"/>, straight from its bytes
    /// (<see cref="InfoJsonWriter.WriteModule(PooledBufferWriter, string, BeamFile, ModuleMd5Batch?, out int, out int)"/>),
    /// its md5 left to be filled in once <see cref="Md5"/> is computed.</summary>
    private sealed class JsonVisitor : ModuleVisitor
    {
        private int firstSlot;

        public PooledBufferWriter Json { get; private set; } = null!;

        public ModuleMd5Batch Md5 { get; } = new(Md5BatchBytes + (256 << 10));

        /// <summary>The module's place in <see cref="Md5"/> and the offset of its md5's placeholder digits in
        /// <see cref="Json"/> (-1: no md5 to fill in).</summary>
        public int Md5Slot { get; private set; } = -1;

        public int Md5At { get; private set; } = -1;

        /// <summary>Starts the next module.</summary>
        public void Begin(PooledBufferWriter json)
        {
            Json = json;
            firstSlot = Md5.Count;
            Md5Slot = -1;
            Md5At = -1;
        }

        public override void Module(string displayPath, BeamFile beam)
        {
            InfoJsonWriter.WriteModule(Json, displayPath, beam, Md5, out int slot, out int at);
            Md5Slot = slot;
            Md5At = at;
        }

        public override void Summary(ModuleSummary summary) => InfoJsonWriter.WriteModule(Json, summary);

        public override void Discard()
        {
            Json.Clear();
            Forget();
        }

        /// <summary>Drops what the module added to <see cref="Md5"/>, even when its write stopped half-way.</summary>
        public void Forget()
        {
            Md5.RemoveFrom(firstSlot);
            Md5Slot = -1;
            Md5At = -1;
        }
    }

    /// <summary>A crew thread's visitor, made while the calling thread finds the files (its md5 staging buffer is
    /// 768 KB of fresh memory), with the writer's tables.</summary>
    [ThreadStatic]
    private static JsonVisitor? prepared;

    private static void Prepare()
    {
        prepared = new JsonVisitor();
        InfoJsonWriter.Prepare();
    }

    /// <summary>A module of a worker's batch, until its md5 is filled in.</summary>
    private readonly record struct Pending(int Index, Done Done, int Md5Slot, int Md5At);

    /// <summary>Finds the input files and writes the document; the crew's threads start while the files are found,
    /// and help find them once prepared.</summary>
    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> paths)
    {
        using var crew = WorkerCrew.StartFinding(paths, out var selection, Prepare);
        int exit = InfoCommand.ReportProblems(stderr, selection);
        return Run(stdout, stderr, selection.Files, exit, crew);
    }

    private static int Run(TextWriter stdout, TextWriter stderr, ImmutableArray<InputFile> files, int exit, WorkerCrew crew)
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

        bool console = ReferenceEquals(stdout, Console.Out) || stdout is StandardOutput;
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
            crew.Run(workers, Work);
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
            var visitor = prepared ?? new JsonVisitor();
            prepared = null;
            var batch = new Pending[Md5BatchSize];
            while (true)
            {
                int n = 0, i;
                visitor.Md5.Clear();
                while (n < batch.Length && visitor.Md5.Length < Md5BatchBytes && (i = Interlocked.Increment(ref next)) < done.Length)
                {
                    Done d;
                    var json = new PooledBufferWriter(16 << 10);
                    visitor.Begin(json);
                    try
                    {
                        d = ModuleReader.Read(files[i].DisplayPath, files[i].FullPath, visitor) is { } diagnostic
                            ? new Done(null, diagnostic, null)
                            : new Done(json, null, null);
                    }
                    catch (Exception e)
                    {
                        visitor.Forget();
                        d = new Done(null, null, ExceptionDispatchInfo.Capture(e));
                    }

                    if (d.Json is null)
                    {
                        json.Dispose();
                    }

                    batch[n++] = new Pending(i, d, d.Json is null ? -1 : visitor.Md5Slot, visitor.Md5At);
                }

                if (n == 0)
                {
                    return;
                }

                if (visitor.Md5.Count > 0)
                {
                    visitor.Md5.Compute();
                    for (int k = 0; k < n; k++)
                    {
                        if (batch[k].Md5Slot >= 0)
                        {
                            InfoJsonWriter.FillMd5(batch[k].Done.Json!, batch[k].Md5At, visitor.Md5.Digest(batch[k].Md5Slot));
                        }
                    }
                }

                bool write;
                lock (gate)
                {
                    for (int k = 0; k < n; k++)
                    {
                        done[batch[k].Index] = batch[k].Done;
                    }

                    write = !writing && toWrite < done.Length && done[toWrite] is not null;
                    writing |= write;
                }

                Array.Clear(batch, 0, n);
                if (write)
                {
                    WriteReady();
                }
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
