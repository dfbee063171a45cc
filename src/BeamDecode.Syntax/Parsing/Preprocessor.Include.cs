using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>-include and -include_lib: epp.erl scan_include/4, scan_include_lib/4, enter_file/4, enter_file2/5.</summary>
public sealed partial class Preprocessor
{
    private void ScanInclude(List<Token> toks, Token directive, bool lib)
    {
        string what = lib ? "include_lib" : "include";
        List<Token> t = CoalesceStrings(toks.GetRange(2, toks.Count - 2));
        if (!(t.Count == 4 && IsSymbol(t[0], "(") && t[1].Kind == TokenKind.String && IsSymbol(t[2], ")")
            && t[3].Kind == TokenKind.Dot))
        {
            Error(FindMismatch(t, 0, directive, "(", StringTag, ")", DotTag), DiagnosticId.BadDirective, $"badly formed '{what}'");
            return;
        }

        Token nameToken = t[1];
        if (_stack.Count >= MaxIncludeDepth)
        {
            Error(lib ? directive : nameToken, DiagnosticId.IncludeTooDeep, $"{what} too deep");
            return;
        }

        string name = ExpandVariable((string)nameToken.Value!);
        // _file.Path is the file's directory and then the -I directories (see EnterFile), so a name found once from a
        // directory is found there again.
        string? found = _resolutions.GetOrAdd((_file.Path[0], name),
            static (key, self) => IncludeResolver.FindInPath(self._file.Path, key.Name, self._cache), this);
        if (found is null && lib)
        {
            found = _resolver.FindLib(name, _cache);
        }

        SourceText? text = found is null ? null : _cache.Read(found);
        if (found is null || text is null)
        {
            Error(nameToken, DiagnosticId.IncludeNotFound, $"can't find include {(lib ? "lib" : "file")} \"{name}\"");
            return;
        }

        EnterFile(found, text);
    }

    /// <summary>epp.erl enter_file2/5: the included file starts at 1:1 with its own directory first in the path.</summary>
    private void EnterFile(string path, SourceText text)
    {
        EmitFileAttribute(path, 1, 1, 1, 1, generated: false);
        SetPredefined("FILE", [StringToken(path, 1, 1)]);
        var includePath = new List<string>(_file.Path.Count) { IncludeResolver.DirName(path) };
        for (int i = 1; i < _file.Path.Count; i++)
        {
            includePath.Add(_file.Path[i]);
        }

        var child = new FileState(path, _cache.Scan(text, path, _lexerOptions, isMain: false), includePath);
        _stack.Push(_file);
        _file = child;

        // A new #epp{} record: the included file starts with no macro uses (epp.erl enter_file2/5).
        // (The parent does not get its own back at the end: leave_file/2 keeps the include's, so clearing is the same
        // as a new map, and keeps the table's size.)
        _uses.Clear();
        _acyclic.Clear();
    }

    /// <summary>epp.erl expand_var/1: a leading <c>$VAR</c> component is replaced by the environment variable.</summary>
    private static string ExpandVariable(string name)
    {
        if (!name.StartsWith('$'))
        {
            return name;
        }

        int slash = name.IndexOf('/');
        string variable = slash < 0 ? name[1..] : name[1..slash];
        string? value = Environment.GetEnvironmentVariable(variable);
        if (value is null)
        {
            return name;
        }

        string rest = slash < 0 ? "" : name[(slash + 1)..];
        if (value == "." && rest.Length > 0)
        {
            return IncludeResolver.Join("", rest);
        }

        return rest.Length == 0 ? IncludeResolver.Join(value, "") : IncludeResolver.Join(value, rest);
    }
}
