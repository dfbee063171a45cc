using System.IO.Enumeration;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// A recursive search for files by name pattern shared between the thread that asks (<see cref="EnumerateFiles"/>) and
/// helper threads (<see cref="Help"/>), so that finding the files of a large tree does not leave the other cores idle:
/// over the OTP tree (226 directories) the walk was about 3 ms of <c>info --json</c>, alone on one core while the
/// worker waited (benchmarks/README.md, session 6, "The walk on both cores").
/// <para>
/// Every directory is listed by a <see cref="FileSystemEnumerable{TResult}"/> of its own, the one a single-threaded
/// search uses, on whichever thread takes it from a shared stack. Its <c>ShouldRecursePredicate</c> pushes each
/// subdirectory it would descend into on that stack instead of descending itself. The enumerator alone decides which
/// entries are files, and which are directories to descend into (hidden entries, links and inaccessible directories as
/// the options say), and spells the paths (<see cref="FileSystemEntry.ToSpecifiedFullPath"/>: the given root joined to
/// the relative path, which is what a subdirectory's spelled path joined to the rest gives). So the files found are
/// those <c>Directory.EnumerateFiles(root, "*" + extension, options)</c> finds; only their order differs (callers
/// sort). (Handing a subdirectory over only when the other thread was idle, and letting the enumerator descend
/// otherwise, gave the helper little: the enumerator queues every subdirectory of a directory as it lists it.)
/// </para>
/// <para>
/// On Windows a subdirectory whose name ends in a dot or a space is left to the enumerator to descend: opened again
/// by its spelled path, Windows path normalization would drop that dot or space and open a different directory.
/// </para>
/// </summary>
public sealed class DirectoryWalk
{
    private readonly object _gate = new();

    // Guarded by _gate.
    private readonly Stack<(Tree Tree, string Directory)> _pending = new();
    private int _idle;
    private bool _closed;

    private int _listedByHelpers;

    /// <summary>One call of <see cref="EnumerateFiles"/>: what it has found, and how many of its directories are
    /// pending or being listed.</summary>
    private sealed class Tree(string root, string extension, EnumerationOptions options)
    {
        public string Root { get; } = root;

        public string Pattern { get; } = "*" + extension;

        public EnumerationOptions Options { get; } = options;

        /// <summary>As the enumerator's own matching decides it (System.IO PathInternal.IsCaseSensitive: only Windows
        /// and Apple systems ignore case by default).</summary>
        public bool IgnoreCase { get; } = options.MatchCasing == MatchCasing.CaseInsensitive
            || (options.MatchCasing == MatchCasing.PlatformDefault
                && (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() || OperatingSystem.IsMacCatalyst()
                    || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsWatchOS()));

        // Guarded by the walk's _gate.
        public List<InputFile> Found { get; } = [];

        public int Unfinished { get; set; }

        public Exception? Error { get; set; }
    }

    /// <summary>Lists directories of any walk until <see cref="Close"/>: the loop of a helper thread, which may span
    /// several <see cref="EnumerateFiles"/> calls.</summary>
    public void Help()
    {
        while (Take(owner: null, out var tree, out string directory))
        {
            List(tree, directory);
            Interlocked.Increment(ref _listedByHelpers);
        }
    }

    /// <summary>How many directories <see cref="Help"/> has listed, over all its threads (tests check that helpers do
    /// take part).</summary>
    internal int ListedByHelpers => Volatile.Read(ref _listedByHelpers);

    /// <summary>How many threads wait for a directory now (tests wait for their helpers to be ready).</summary>
    internal int Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle;
            }
        }
    }

    /// <summary>Lets the helpers' <see cref="Help"/> return once nothing is pending.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Every file under <paramref name="root"/> whose name matches <c>*</c> + <paramref name="extension"/>
    /// (<see cref="MatchType.Simple"/>), recursively as <paramref name="options"/> say, in no particular order. Throws
    /// what the enumerator throws for the root, or an error met below it once every directory has been listed (with
    /// several, the one some thread met first: which one may differ between runs).</summary>
    public List<InputFile> EnumerateFiles(string root, string extension, EnumerationOptions options)
    {
        if (!options.RecurseSubdirectories || options.MatchType != MatchType.Simple || options.MaxRecursionDepth != int.MaxValue)
        {
            throw new ArgumentException("a walk is recursive without a depth limit, with simple matching", nameof(options));
        }

        var tree = new Tree(root, extension, options);
        Push(tree, root);
        while (Take(tree, out var next, out string directory))
        {
            List(next, directory);
        }

        if (tree.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return tree.Found;
    }

    private void Push(Tree tree, string directory)
    {
        lock (_gate)
        {
            tree.Unfinished++;
            _pending.Push((tree, directory));
            if (_idle > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The next pending directory, waiting for one; false when <paramref name="owner"/>'s walk is over
    /// (for its owner) or the walk is closed (for a helper).</summary>
    private bool Take(Tree? owner, out Tree tree, out string directory)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_pending.TryPop(out var next))
                {
                    (tree, directory) = next;
                    return true;
                }

                if (owner is not null ? owner.Unfinished == 0 : _closed)
                {
                    tree = null!;
                    directory = null!;
                    return false;
                }

                _idle++;
                Monitor.Wait(_gate);
                _idle--;
            }
        }
    }

    /// <summary>Lists one directory: its matching files into the tree, its subdirectories onto the stack.</summary>
    private void List(Tree tree, string directory)
    {
        var found = new List<InputFile>();
        Exception? error = null;
        try
        {
            bool isRoot = ReferenceEquals(directory, tree.Root);
            try
            {
                var files = new FileSystemEnumerable<string>(directory, static (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), tree.Options)
                {
                    ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                        !entry.IsDirectory && FileSystemName.MatchesSimpleExpression(tree.Pattern, entry.FileName, tree.IgnoreCase),
                    ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                    {
                        if (OperatingSystem.IsWindows() && entry.FileName is [.., '.' or ' '])
                        {
                            return true;
                        }

                        Push(tree, entry.ToSpecifiedFullPath());
                        return false;
                    },
                };

                foreach (string file in files)
                {
                    found.Add(new InputFile(file, Path.GetFullPath(file)));
                }
            }
            catch (DirectoryNotFoundException) when (!isRoot)
            {
                // Gone since its parent was listed: the enumerator skips such a subdirectory when it descends itself.
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            // Always counted down, or the owner would wait for this directory forever.
            lock (_gate)
            {
                tree.Found.AddRange(found);
                tree.Error ??= error;
                if (--tree.Unfinished == 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
