using System.Collections.Immutable;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>The result of preprocessing one file: epp's items in order, and every diagnostic among them.</summary>
public sealed record PreprocessedFile(
    string Path,
    int OtpRelease,
    ImmutableArray<PreprocessedItem> Items,
    ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The Erlang preprocessor, equal to epp (stdlib epp.erl): reads a file form by form with the lexer, runs the
/// directives (-define, -undef, -include, -include_lib, -if/-ifdef/-ifndef/-elif/-else/-endif, -file, -error,
/// -warning, -feature), expands macros giving expanded tokens the locations epp gives them, and returns what
/// <c>epp:scan_erl_form/1</c> returns call after call until end of file. Bad input becomes error items
/// (BD0520-BD0559); never throws; include depth and macro expansion are bounded.
/// </summary>
public sealed partial class Preprocessor
{
    /// <summary>epp.erl enter_file/4: an include may not nest deeper than 8 files.</summary>
    private const int MaxIncludeDepth = 8;

    private readonly PreprocessorOptions _options;
    private readonly IncludeCache _cache;
    private readonly LexerOptions _lexerOptions;
    private readonly int _release;
    private readonly List<PreprocessedItem> _items = [];
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, MacroEntry> _macros;
    private readonly Dictionary<string, List<(int Arity, List<(string Name, int Arity)> Uses)>> _uses;

    // The two maps of the last run on this thread, emptied, for the next one: a module's headers often define
    // hundreds of macros, and growing the tables again for every module was a tenth of the preprocessor's allocations.
    [ThreadStatic]
    private static Dictionary<string, MacroEntry>? t_macros;

    [ThreadStatic]
    private static Dictionary<string, List<(int Arity, List<(string Name, int Arity)> Uses)>>? t_uses;
    private readonly HashSet<(string, int)> _acyclic = [];
    private readonly Stack<FileState> _stack = new();
    private readonly IncludeResolver _resolver;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Dir, string Name), string?> _resolutions;

    // epp's in_prefix, features and else_reserved: global to the whole file and its includes.
    private bool _inPrefix = true;
    private List<string> _features;
    private readonly bool _lexedMaybeReserved;
    private bool _maybeReserved;

    private FileState _file = null!;
    private List<IfKind>? _skip;

    private Preprocessor(PreprocessorOptions options, IncludeCache? cache, string mainPath)
    {
        _options = options;
        _macros = t_macros ?? new(StringComparer.Ordinal);
        _uses = t_uses ?? new(StringComparer.Ordinal);
        t_macros = null;
        t_uses = null;
        _cache = cache ?? new IncludeCache();
        _resolver = new IncludeResolver(options, mainPath);
        _resolutions = _cache.Resolutions(options.IncludeDirs);
        _release = options.OtpRelease ?? _resolver.InferOtpRelease() ?? LexerOptions.NewestRelease;
        _features = [];
        foreach (string feature in LexerOptions.DefaultFeatures(_release))
        {
            _features.Add(feature);
        }

        foreach (string feature in options.Features)
        {
            if (!_features.Contains(feature))
            {
                _features.Insert(0, feature);
            }
        }

        _lexerOptions = new LexerOptions(_release, _features);
        _lexedMaybeReserved = _lexerOptions.Features.Contains(LexerOptions.MaybeExpr);
        _maybeReserved = _features.Contains(LexerOptions.MaybeExpr);
    }

    /// <summary>The OTP release emulated.</summary>
    public int OtpRelease => _release;

    /// <summary>Preprocesses the file at <paramref name="path"/> (epp:parse_file/2's order of items).</summary>
    public static PreprocessedFile PreprocessFile(string path, PreprocessorOptions? options = null, IncludeCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= PreprocessorOptions.Default;
        var preprocessor = new Preprocessor(options, cache, path);
        SourceText? text = preprocessor._cache.ReadMain(path);
        if (text is null)
        {
            var diagnostic = new Diagnostic(DiagnosticId.SourceNotFound, $"cannot open file: {path}", 0, 0, path);
            return new PreprocessedFile(path, preprocessor._release, [], [diagnostic]);
        }

        return preprocessor.Run(text, path);
    }

    /// <summary>Preprocesses a text; includes are resolved relative to <see cref="SourceText.Path"/>'s directory.</summary>
    public static PreprocessedFile Preprocess(SourceText text, PreprocessorOptions? options = null, IncludeCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= PreprocessorOptions.Default;
        var preprocessor = new Preprocessor(options, cache, text.Path);
        return preprocessor.Run(text, text.Path);
    }

    private PreprocessedFile Run(SourceText text, string path)
    {
        string sourceName = _options.SourceName ?? path;
        InitMacros(sourceName);
        var includePath = new List<string>(_options.IncludeDirs.Length + 1) { IncludeResolver.DirName(path) };
        includePath.AddRange(_options.IncludeDirs);
        _file = new FileState(sourceName, _cache.Scan(text, path, _lexerOptions, isMain: true), includePath);

        // epp.erl init_server: the first reply is -file(SourceName, 1) at the start location.
        EmitFileAttribute(sourceName, 1, 1, 1, 1, generated: false);
        try
        {
            Loop();
        }
        catch (InsufficientExecutionStackException)
        {
            Error(_file.Location, DiagnosticId.MacroExpansionTooDeep, "epp", "macro expansion too deep");
            _items.Add(new PreprocessedEof(_file.Location.Line, _file.Location.Column));
        }
        finally
        {
            _macros.Clear();
            _uses.Clear();
            t_macros = _macros;
            t_uses = _uses;
        }

        return new PreprocessedFile(path, _release, [.. _items], [.. _diagnostics]);
    }

    private void Loop()
    {
        while (true)
        {
            RawForm raw = ReadRawForm(_file);
            if (_skip is not null)
            {
                if (raw.Kind == RawFormKind.Eof)
                {
                    // epp.erl skip_toks: at end of file the skip stack replaces the file's if-stack.
                    _file.IfStack.Clear();
                    _file.IfStack.AddRange(_skip);
                    _skip = null;
                    if (LeaveFile())
                    {
                        return;
                    }
                }
                else if (raw.Kind == RawFormKind.Form)
                {
                    SkipForm(raw.Tokens!);
                }

                continue;
            }

            switch (raw.Kind)
            {
                case RawFormKind.Eof:
                    if (LeaveFile())
                    {
                        return;
                    }

                    break;
                case RawFormKind.LexError:
                    Report(new PreprocessedDiagnostic(raw.LexDiagnostic!, "erl_scan"));
                    break;
                default:
                    ScanForm(raw.Tokens!);
                    break;
            }
        }
    }

    /// <summary>epp.erl leave_file/2. Returns true at the end of the main file.</summary>
    private bool LeaveFile()
    {
        FileState file = _file;
        for (int i = file.IfStack.Count - 1; i >= 0; i--)
        {
            Error(file.Location, DiagnosticId.IllegalConditional, "epp", $"unterminated '-{IfName(file.IfStack[i])}'");
        }

        file.IfStack.Clear();
        if (_stack.Count == 0)
        {
            _items.Add(new PreprocessedEof(file.Location.Line, file.Location.Column));
            return true;
        }

        FileState parent = _stack.Pop();
        // epp.erl leave_file/2: the parent goes on with the include's macro uses (NextSt#epp{uses=St#epp.uses}).
        (int oldLine, int oldColumn) = parent.Location;
        int currentLine = oldLine - parent.LineShift;
        SetPredefined("FILE", [StringToken(parent.Name2, 1, 1)]);
        EmitFileAttribute(parent.Name, currentLine, currentLine, oldColumn, currentLine, oldColumn, generated: false);
        if (parent.Name2 != parent.Name)
        {
            EmitFileAttribute(parent.Name2, oldLine, currentLine, oldColumn, oldLine, oldColumn, generated: true);
        }

        _file = parent;
        return false;
    }

    private void EmitFileAttribute(string name, int fileLine, int line, int column, int closeLine, int closeColumn, bool generated)
    {
        // epp.erl enter_file_reply/6: [{'-',A},{atom,A,file},{'(',A},{string,A,Name},{',',A},{integer,A,Line},{')',LocA},{dot,A}].
        // A generated one has erl_anno's generated flag on every token but the ')' (which has LocationAnno).
        ImmutableArray<Token> tokens =
        [
            SymbolToken("-", line, column) with { Generated = generated },
            AtomToken("file", line, column) with { Generated = generated },
            SymbolToken("(", line, column) with { Generated = generated },
            StringToken(name, line, column) with { Generated = generated },
            SymbolToken(",", line, column) with { Generated = generated },
            IntegerToken(fileLine, line, column) with { Generated = generated },
            SymbolToken(")", closeLine, closeColumn),
            new Token(TokenKind.Dot, default, ".", null, line, column) { Generated = generated },
        ];
        _items.Add(new PreprocessedFileAttribute(name, fileLine, line, column, closeLine, closeColumn, generated, tokens));
    }

    private void EmitFileAttribute(string name, int fileLine, int column, int closeLine, int closeColumn, bool generated) =>
        EmitFileAttribute(name, fileLine, fileLine, column, closeLine, closeColumn, generated);

    private void Report(PreprocessedDiagnostic item)
    {
        _items.Add(item);
        _diagnostics.Add(item.Diagnostic);
    }

    private void Error((int Line, int Column) location, string id, string module, string message) =>
        Report(new PreprocessedDiagnostic(new Diagnostic(id, message, location.Line, location.Column, _file.Name2), module));

    private void Error(Token at, string id, string message) => Error((at.Line, at.Column), id, "epp", message);

    private static string IfName(IfKind kind) => kind switch
    {
        IfKind.Ifdef => "ifdef",
        IfKind.Ifndef => "ifndef",
        IfKind.If => "if",
        IfKind.Else => "else",
        _ => "elif",
    };

    internal enum IfKind
    {
        Ifdef,
        Ifndef,
        If,
        Else,
        Elif,
    }
}
