using System.Collections.Concurrent;
using System.Globalization;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// Finds the files of -include and -include_lib as epp does (epp.erl enter_file/4, scan_include_lib1/4,
/// expand_lib_dir/1): an include through the include path (the including file's directory, then the -I
/// directories); an include_lib the same way, then <c>app/Rest</c> under the library directory of <c>app</c>
/// (code:lib_dir/1): a directory <c>app</c> or <c>app-Vsn</c> (the highest version) in the --lib-dir directories,
/// the main file's own repository (the directory holding its application), then an installed OTP.
/// Paths are joined with filename:join/2's rules, since the path found is what ?FILE and -file show.
/// </summary>
internal sealed class IncludeResolver
{
    private static readonly ConcurrentDictionary<string, string?> AppDirs = new(StringComparer.Ordinal);
    private static readonly Lazy<string?> InstalledOtpLib = new(FindInstalledOtpLib);

    private readonly List<string> _libDirs = [];

    public IncludeResolver(PreprocessorOptions options, string mainPath)
    {
        _libDirs.AddRange(options.LibDirs);

        // The repository's own applications: the main file is app/src/m.erl, its siblings are in app/..
        string srcDir = DirName(mainPath);
        string appDir = DirName(srcDir);
        string repoApps = DirName(appDir);
        if (Path.GetFileName(srcDir) == "src" && appDir is not "." and not "/" && repoApps is not "." and not "/")
        {
            _libDirs.Add(repoApps);
        }

        if (options.SearchInstalledOtp && InstalledOtpLib.Value is { } otp && !_libDirs.Contains(otp))
        {
            _libDirs.Add(otp);
        }

        LibDirs = options.LibDirs;
    }

    private IReadOnlyList<string> LibDirs { get; }

    /// <summary>file:path_open/3: the first directory of the path holding the file, joined as epp does.</summary>
    public static string? FindInPath(IReadOnlyList<string> path, string name, IncludeCache cache)
    {
        if (IsAbsolute(name))
        {
            return cache.Read(name) is not null ? name : null;
        }

        foreach (string dir in path)
        {
            string candidate = Join(dir, name);
            if (cache.Read(candidate) is not null)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>epp.erl expand_lib_dir/1: <c>App/Rest</c> under the application's directory.</summary>
    public string? FindLib(string name, IncludeCache cache)
    {
        string[] parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || IsAbsolute(name))
        {
            return null;
        }

        string app = parts[0];
        foreach (string libDir in _libDirs)
        {
            string? appDir = AppDirectory(libDir, app);
            if (appDir is null)
            {
                continue;
            }

            string path = appDir;
            for (int i = 1; i < parts.Length; i++)
            {
                path = Join(path, parts[i]);
            }

            // code:lib_dir/1 names one directory; epp then opens the file there or fails.
            return cache.Read(path) is not null ? path : null;
        }

        return null;
    }

    /// <summary>The directory of an application in a lib dir: <c>app</c>, else the highest <c>app-Vsn</c>.</summary>
    private static string? AppDirectory(string libDir, string app) => AppDirs.GetOrAdd(libDir + "\0" + app, _ =>
    {
        try
        {
            if (!Directory.Exists(libDir))
            {
                return null;
            }

            string exact = Join(libDir, app);
            if (Directory.Exists(exact))
            {
                return exact;
            }

            string? best = null;
            string? bestVersion = null;
            foreach (string dir in Directory.EnumerateDirectories(libDir, app + "-*"))
            {
                string version = Path.GetFileName(dir)[(app.Length + 1)..];
                if (version.Length > 0 && char.IsAsciiDigit(version[0])
                    && (bestVersion is null || CompareVersions(version, bestVersion) > 0))
                {
                    best = Join(libDir, Path.GetFileName(dir));
                    bestVersion = version;
                }
            }

            return best;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    });

    private static int CompareVersions(string a, string b)
    {
        string[] x = a.Split('.', '-');
        string[] y = b.Split('.', '-');
        for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            if (i >= x.Length)
            {
                return -1;
            }

            if (i >= y.Length)
            {
                return 1;
            }

            bool xn = long.TryParse(x[i], NumberStyles.None, CultureInfo.InvariantCulture, out long xv);
            bool yn = long.TryParse(y[i], NumberStyles.None, CultureInfo.InvariantCulture, out long yv);
            int c = xn && yn ? xv.CompareTo(yv) : string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>The OTP release of the installation at or above a lib dir (<c>releases/N/OTP_VERSION</c>).</summary>
    public int? InferOtpRelease()
    {
        foreach (string libDir in LibDirs)
        {
            string? dir;
            try
            {
                dir = Path.GetFullPath(libDir);
            }
            catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
            {
                continue;
            }

            for (int up = 0; dir is not null && up < 6; up++, dir = Path.GetDirectoryName(dir))
            {
                string releases = Path.Combine(dir, "releases");
                if (!Directory.Exists(releases))
                {
                    continue;
                }

                int? best = null;
                foreach (string release in Directory.EnumerateDirectories(releases))
                {
                    if (int.TryParse(Path.GetFileName(release), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                        && File.Exists(Path.Combine(release, "OTP_VERSION")) && (best is null || n > best))
                    {
                        best = n;
                    }
                }

                if (best is not null)
                {
                    return best;
                }
            }
        }

        return null;
    }

    /// <summary>The lib directory of the Erlang/OTP whose <c>erl</c> is on PATH, or a usual install location.</summary>
    private static string? FindInstalledOtpLib()
    {
        try
        {
            string pathVariable = Environment.GetEnvironmentVariable("PATH") ?? "";
            foreach (string dir in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string erl = Path.Combine(dir, "erl");
                if (!File.Exists(erl))
                {
                    continue;
                }

                FileSystemInfo? target = File.ResolveLinkTarget(erl, returnFinalTarget: true);
                string real = target?.FullName ?? erl;

                // erl is ROOT/bin/erl (a link or a script); the libraries are in ROOT/lib.
                string? root = Path.GetDirectoryName(Path.GetDirectoryName(real));
                if (root is not null && Directory.Exists(Path.Combine(root, "lib"))
                    && Directory.EnumerateDirectories(Path.Combine(root, "lib"), "kernel*").Any())
                {
                    return Path.Combine(root, "lib");
                }

                string usual = Path.Combine(root ?? "", "lib", "erlang", "lib");
                if (Directory.Exists(usual))
                {
                    return usual;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
        }

        foreach (string candidate in (string[])["/usr/lib/erlang/lib", "/usr/local/lib/erlang/lib", "/opt/homebrew/lib/erlang/lib"])
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsAbsolute(string name) => name.StartsWith('/') || (OperatingSystem.IsWindows() && Path.IsPathRooted(name));

    /// <summary>filename:join/2 (Unix rules): duplicate and trailing slashes dropped, <c>/./</c> collapsed.</summary>
    public static string Join(string dir, string name)
    {
        if (IsAbsolute(name))
        {
            return Normalize(name, "");
        }

        return Normalize(dir, name);
    }

    private static string Normalize(string first, string second)
    {
        var result = new System.Text.StringBuilder(first.Length + second.Length + 1);
        Append(result, first);
        if (second.Length > 0)
        {
            if (result.Length > 0 && result[^1] != '/')
            {
                if (result.Length >= 2 && result[^1] == '.' && result[^2] == '/')
                {
                    result.Length--;
                }
                else
                {
                    result.Append('/');
                }
            }
            else if (result.Length == 1 && result[0] == '.')
            {
                result.Append('/');
            }

            Append(result, second);
        }

        if (result.Length > 1 && result[^1] == '/')
        {
            result.Length--;
        }

        return result.ToString();
    }

    private static void Append(System.Text.StringBuilder result, string part)
    {
        foreach (char c in part)
        {
            if (c == '/')
            {
                if (result.Length >= 2 && result[^1] == '.' && result[^2] == '/')
                {
                    result.Length--;
                    continue;
                }

                if (result.Length >= 1 && result[^1] == '/')
                {
                    continue;
                }
            }

            result.Append(c);
        }
    }

    /// <summary>filename:dirname/1.</summary>
    public static string DirName(string path)
    {
        string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        int slash = trimmed.LastIndexOf('/');
        if (slash < 0)
        {
            return ".";
        }

        if (slash == 0)
        {
            return "/";
        }

        string dir = trimmed[..slash].TrimEnd('/');
        return dir.Length == 0 ? "/" : dir;
    }
}
