using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// Worker threads started before their work is known, so that starting them overlaps what the calling thread does
/// first (finding the input files). <c>Parallel.For</c> started its thread-pool thread only when the work began, and
/// creating it, the pool's gate thread and waiting for them to run left the calling thread alone for 0.3 to 5 ms of
/// a 30 ms <c>info --json</c> over the OTP tree (benchmarks/README.md). The crew does what that <c>Parallel.For</c>
/// did: the same action on the calling thread and on up to <c>workers - 1</c> others, returning when all are done and
/// throwing an <see cref="AggregateException"/> of whatever they threw.
/// </summary>
internal sealed class WorkerCrew : IDisposable
{
    private readonly object _gate = new();
    private readonly Thread[] _threads;
    private readonly Action? _prepare;

    // Guarded by _gate.
    private Action? _work;
    private int _offered;
    private int _taken;
    private int _active;
    private bool _closed;
    private List<Exception>? _errors;

    private WorkerCrew(int helpers, Action? prepare)
    {
        _prepare = prepare;
        _threads = new Thread[helpers];
        for (int i = 0; i < helpers; i++)
        {
            _threads[i] = new Thread(Wait) { IsBackground = true, Name = "beamdecode worker" };
            _threads[i].Start();
        }
    }

    /// <summary>A crew of one thread per core besides the caller's, waiting for <see cref="Run"/>.</summary>
    public static WorkerCrew Start(Action? prepare = null) => Start(Math.Max(0, Environment.ProcessorCount - 1), prepare);

    /// <summary>
    /// A crew of one thread per core besides the caller's that helps the caller find the files <paramref name="paths"/>
    /// select (<see cref="DirectoryWalk"/>: directories are listed on every thread) once it has run
    /// <paramref name="prepare"/>, then waits for <see cref="Run"/>.
    /// </summary>
    public static WorkerCrew StartFinding(IReadOnlyList<string> paths, out InputSelection selection, Action? prepare = null)
    {
        var walk = new DirectoryWalk();
        var crew = Start(() =>
        {
            try
            {
                prepare?.Invoke();
            }
            catch (Exception)
            {
                // Preparing is only a head start (as in Wait); the thread still helps.
            }

            walk.Help();
        });
        try
        {
            selection = InputExpander.Expand(paths, walk: walk);
        }
        catch
        {
            walk.Close();
            crew.Dispose();
            throw;
        }

        walk.Close();
        return crew;
    }

    /// <summary>A crew of <paramref name="helpers"/> threads besides the caller's; each runs
    /// <paramref name="prepare"/> first, while the caller has not handed out the work yet (an exception it throws is
    /// dropped: the thread then works as if it had not prepared).</summary>
    public static WorkerCrew Start(int helpers, Action? prepare = null) => new(helpers, prepare);

    /// <summary>Runs <paramref name="work"/> on the calling thread and on up to <paramref name="workers"/> - 1 of the
    /// crew's threads, and returns when every run has returned; a crew thread that has not started by the time the
    /// caller's run returns is not used (the work is done by then: each run takes work until there is none left).</summary>
    public void Run(int workers, Action work)
    {
        lock (_gate)
        {
            _work = work;
            _offered = Math.Min(_threads.Length, Math.Max(0, workers - 1));
            Monitor.PulseAll(_gate);
        }

        try
        {
            work();
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                (_errors ??= []).Add(e);
            }
        }

        List<Exception>? errors;
        lock (_gate)
        {
            _offered = _taken;
            while (_active > 0)
            {
                Monitor.Wait(_gate);
            }

            errors = _errors;
            _errors = null;
        }

        if (errors is not null)
        {
            throw new AggregateException(errors);
        }
    }

    /// <summary>Lets the threads that were given nothing to do end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void Wait()
    {
        try
        {
            _prepare?.Invoke();
        }
        catch (Exception)
        {
            // Preparing is only a head start.
        }

        Action work;
        lock (_gate)
        {
            while (_taken >= _offered)
            {
                if (_closed)
                {
                    return;
                }

                Monitor.Wait(_gate);
            }

            _taken++;
            _active++;
            work = _work!;
        }

        try
        {
            work();
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                (_errors ??= []).Add(e);
            }
        }
        finally
        {
            lock (_gate)
            {
                _active--;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
