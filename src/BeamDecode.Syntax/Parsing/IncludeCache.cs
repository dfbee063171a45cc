using System.Collections.Concurrent;
using System.Collections.Immutable;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// Files read and scanned for the preprocessor, by path, so a header included by many modules is read and scanned
/// once. Thread-safe; share one between preprocessor runs over files that do not change meanwhile.
/// </summary>
public sealed class IncludeCache
{
    private readonly ConcurrentDictionary<string, SourceText?> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, int Release, string Features), ScannedFile> _scanned = new();

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string Dir, string Name), string?>> _resolutions =
        new(StringComparer.Ordinal);

    /// <summary>The text of a file (epp's decoding), or null when it cannot be read.</summary>
    public SourceText? Read(string path) => _texts.GetOrAdd(path, ReadFile);

    /// <summary>
    /// The text of a file given to parse: the one kept if an include read it already, else read now and not kept (a
    /// module is read once; keeping every module's text alive made each full garbage collection walk all of them).
    /// </summary>
    public SourceText? ReadMain(string path) => _texts.TryGetValue(path, out SourceText? text) ? text : ReadFile(path);

    /// <summary>
    /// Where the -include of a name was found (or null), per include path: the directory of the including file
    /// and the -I directories after it, which are the same for every file of a run (so the include path is keyed
    /// by the -I directories once, and a lookup by the including directory and the name). The files are assumed
    /// not to change meanwhile, as for the texts kept here.
    /// </summary>
    internal ConcurrentDictionary<(string Dir, string Name), string?> Resolutions(IReadOnlyList<string> includeDirs) =>
        _resolutions.GetOrAdd(string.Join('\0', includeDirs), static _ => new());

    private static SourceText? ReadFile(string p)
    {
        try
        {
            return File.Exists(p) ? SourceText.FromBytes(File.ReadAllBytes(p), p) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal ScannedFile Scan(SourceText text, string path, LexerOptions options, bool isMain)
    {
        if (isMain)
        {
            return ScannedFile.Create(text, options, null);
        }

        var key = (path, options.OtpRelease, string.Join(",", options.Features.OrderBy(f => f, StringComparer.Ordinal)));
        return _scanned.GetOrAdd(key, _ => ScannedFile.Create(text, options, path));
    }
}

/// <summary>The lexer's tokens and diagnostics for one file.</summary>
internal sealed class ScannedFile
{
    private readonly Dictionary<int, Diagnostic>? _errors;

    private ScannedFile(SourceText text, ImmutableArray<Token> tokens, Dictionary<int, Diagnostic>? errors)
    {
        Text = text;
        Tokens = tokens;
        _errors = errors;
    }

    public SourceText Text { get; }

    public ImmutableArray<Token> Tokens { get; }

    public static ScannedFile Create(SourceText text, LexerOptions options, string? file)
    {
        var diagnostics = new List<Diagnostic>();
        ImmutableArray<Token> tokens = Lexer.Scan(text, options, diagnostics);
        if (file is not null)
        {
            var builder = ImmutableArray.CreateBuilder<Token>(tokens.Length);
            foreach (Token token in tokens)
            {
                builder.Add(token with { File = file });
            }

            tokens = builder.MoveToImmutable();
        }

        Dictionary<int, Diagnostic>? errors = null;
        if (diagnostics.Count > 0)
        {
            // Pair each bad token with the lexer's diagnostic at or after its start (the error of that form).
            errors = [];
            int d = 0;
            foreach (Token token in tokens)
            {
                if (token.Kind != TokenKind.Bad)
                {
                    continue;
                }

                while (d < diagnostics.Count - 1 && Before(diagnostics[d], token))
                {
                    d++;
                }

                if (d < diagnostics.Count)
                {
                    errors[token.Span.Start] = diagnostics[d];
                    d++;
                }
            }
        }

        return new ScannedFile(text, tokens, errors);
    }

    private static bool Before(Diagnostic diagnostic, Token token) =>
        diagnostic.Line < token.Line || (diagnostic.Line == token.Line && diagnostic.Column < token.Column);

    public Diagnostic? DiagnosticAt(Token bad) =>
        _errors is not null && _errors.TryGetValue(bad.Span.Start, out Diagnostic? diagnostic) ? diagnostic : null;
}
