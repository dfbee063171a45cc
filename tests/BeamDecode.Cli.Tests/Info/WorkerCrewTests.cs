using BeamDecode.Cli.Commands;
using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Cli.Tests.Info;

/// <summary>The threads <c>info --json</c> starts before it has found its files: they run the work as
/// <c>Parallel.For</c> over the workers did, on the caller and on the others, and report failures the same way.</summary>
public sealed class WorkerCrewTests
{
    [Fact]
    public void The_work_runs_on_the_caller_and_on_a_crew_thread_at_once()
    {
        using var crew = WorkerCrew.Start(helpers: 1);
        var threads = new HashSet<int>();
        using var both = new CountdownEvent(2);
        crew.Run(2, () =>
        {
            lock (threads)
            {
                threads.Add(Environment.CurrentManagedThreadId);
            }

            both.Signal();
            Assert.True(both.Wait(TimeSpan.FromSeconds(30)), "the other run never started");
        });

        Assert.Equal(2, threads.Count);
        Assert.Contains(Environment.CurrentManagedThreadId, threads);
    }

    [Fact]
    public void Each_crew_thread_prepares_before_it_works_and_a_failed_preparation_is_no_failure()
    {
        var prepared = new ThreadLocal<bool>();
        int preparations = 0;
        using var crew = WorkerCrew.Start(helpers: 1, prepare: () =>
        {
            prepared.Value = true;
            if (Interlocked.Increment(ref preparations) == 1)
            {
                throw new InvalidOperationException("preparing failed");
            }
        });
        var seen = new List<(int Thread, bool Prepared)>();
        using var both = new CountdownEvent(2);
        crew.Run(2, () =>
        {
            lock (seen)
            {
                seen.Add((Environment.CurrentManagedThreadId, prepared.Value));
            }

            both.Signal();
            Assert.True(both.Wait(TimeSpan.FromSeconds(30)), "the other run never started");
        });

        // The caller did not prepare; the crew thread did, before its run, and its exception went nowhere.
        Assert.Equal(1, preparations);
        Assert.Contains((Environment.CurrentManagedThreadId, false), seen);
        Assert.Contains(seen, s => s.Thread != Environment.CurrentManagedThreadId && s.Prepared);
    }

    [Fact]
    public void One_worker_is_the_caller_alone()
    {
        using var crew = WorkerCrew.Start(helpers: 3);
        int runs = 0;
        crew.Run(1, () =>
        {
            Thread.Sleep(50);
            Interlocked.Increment(ref runs);
        });

        Assert.Equal(1, runs);
    }

    [Fact]
    public void A_crew_without_threads_runs_the_work_on_the_caller()
    {
        using var crew = WorkerCrew.Start(helpers: 0);
        int caller = -1;
        crew.Run(4, () => caller = Environment.CurrentManagedThreadId);
        Assert.Equal(Environment.CurrentManagedThreadId, caller);
    }

    [Fact]
    public void What_the_runs_throw_is_thrown_together_after_all_returned()
    {
        using var crew = WorkerCrew.Start(helpers: 1);
        using var both = new CountdownEvent(2);
        var error = Assert.Throws<AggregateException>(() => crew.Run(2, () =>
        {
            both.Signal();
            both.Wait(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("run " + Environment.CurrentManagedThreadId);
        }));

        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.All(error.InnerExceptions, e => Assert.IsType<InvalidOperationException>(e));
    }

    [Fact]
    public void A_crew_thread_that_starts_after_the_work_is_done_does_nothing()
    {
        using var crew = WorkerCrew.Start(helpers: 1);
        int runs = 0;
        // The caller's run returns at once; the crew thread may or may not have taken the work by then, but no run is
        // left going when Run returns.
        crew.Run(2, () => Interlocked.Increment(ref runs));
        int after = Volatile.Read(ref runs);
        Thread.Sleep(100);
        Assert.Equal(after, Volatile.Read(ref runs));
        Assert.InRange(after, 1, 2);
    }

    [Fact]
    public void StartFinding_selects_what_Expand_selects_and_the_crew_then_works()
    {
        string[] paths =
        [
            Path.Combine(CliRunner.RepoRoot, "fixtures"),
            Path.Combine(CliRunner.RepoRoot, "fixtures", "beam", "minimal.beam"),
            Path.Combine(CliRunner.RepoRoot, "no", "such", "path"),
        ];
        var expected = InputExpander.Expand(paths);
        // A preparation that fails is no failure: the thread still helps find the files, and works.
        using var crew = WorkerCrew.StartFinding(paths, out var selection, prepare: () => throw new InvalidOperationException("preparing failed"));

        Assert.True(expected.Files.Length > 10, $"only {expected.Files.Length} fixture files");
        Assert.Equal(expected.Files, selection.Files);
        Assert.Equal(expected.Problems, selection.Problems);
        int runs = 0;
        crew.Run(2, () => Interlocked.Increment(ref runs));
        Assert.InRange(runs, 1, 2);
    }
}
