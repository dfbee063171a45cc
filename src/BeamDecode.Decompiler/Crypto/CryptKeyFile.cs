using System.Text.RegularExpressions;

namespace BeamDecode.Decompiler.Crypto;

/// <summary>
/// The keys of an <c>.erlang.crypt</c> file, looked for where beam_lib looks (beam_lib.erl
/// crypto_key_fun_from_file/0): the current directory, the home directory, then the user config directory
/// (<c>filename:basedir(user_config, "erlang")</c>: <c>$XDG_CONFIG_HOME/erlang</c> or <c>~/.config/erlang</c>).
/// The file is a list of <c>{debug_info, Mode, Module | [], Key}</c> tuples; a module's own key wins over the
/// <c>[]</c> (any module) key, as alt_lookup_key/2 does. Only that tuple shape is read, not general Erlang terms.
/// </summary>
public sealed partial class CryptKeyFile
{
    private readonly Dictionary<string, string> _byModule;
    private readonly string? _default;

    private CryptKeyFile(Dictionary<string, string> byModule, string? fallback, string path)
    {
        _byModule = byModule;
        _default = fallback;
        Path = path;
    }

    public string Path { get; }

    [GeneratedRegex("""\{\s*debug_info\s*,\s*des3_cbc\s*,\s*(\[\s*\]|'(?:[^'\\]|\\.)*'|[a-z][A-Za-z0-9_@]*)\s*,\s*"((?:[^"\\]|\\.)*)"\s*\}""")]
    private static partial Regex Entry();

    /// <summary>The first .erlang.crypt on beam_lib's search path, or null.</summary>
    public static CryptKeyFile? Find()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : System.IO.Path.Combine(home, ".config");
        foreach (string dir in new[] { ".", home, System.IO.Path.Combine(config, "erlang") })
        {
            string path = System.IO.Path.Combine(dir, ".erlang.crypt");
            if (File.Exists(path))
            {
                return Parse(File.ReadAllText(path), path);
            }
        }

        return null;
    }

    public static CryptKeyFile Parse(string text, string path)
    {
        var byModule = new Dictionary<string, string>(StringComparer.Ordinal);
        string? fallback = null;
        foreach (Match m in Entry().Matches(text))
        {
            string module = m.Groups[1].Value;
            string key = Unescape(m.Groups[2].Value);
            if (module.StartsWith('['))
            {
                fallback ??= key;
            }
            else
            {
                byModule.TryAdd(module.StartsWith('\'') ? Unescape(module[1..^1]) : module, key);
            }
        }

        return new CryptKeyFile(byModule, fallback, path);
    }

    /// <summary>The key for <paramref name="module"/>, or null.</summary>
    public string? KeyFor(string module) => _byModule.TryGetValue(module, out var key) ? key : _default;

    /// <summary>Backslash escapes of the simple kind (<c>\"</c>, <c>\\</c>, <c>\'</c>); others are kept as written.</summary>
    private static string Unescape(string s) => Regex.Replace(s, @"\\([""'\\])", "$1");
}
