using System.Globalization;
using System.Numerics;
using System.Text;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Conformance.Tests.ErlScan;

/// <summary>
/// Runs erl_scan_tokens.escript (one process for a whole set) and turns our lexer's tokens into the same line
/// format, so a file's tokens compare as lines: <c>T category line column value</c>, or <c>E line column message</c>
/// for the first error (erl_scan:string/2 stops there and returns no tokens).
/// </summary>
public static class ErlScanTruth
{
    /// <summary>The escript's output for each file (or snippet key), in order.</summary>
    public static Dictionary<string, List<string>> Run(string mode, IEnumerable<string> inputs, string? otp27ScannerDir = null)
    {
        string escript = Path.Combine(AppContext.BaseDirectory, "ErlScan", "erl_scan_tokens.escript");
        string dir = ErlangTool.CreateTempDirectory("erlscan");
        try
        {
            string list = Path.Combine(dir, "input.txt");
            string output = Path.Combine(dir, "output.txt");
            File.WriteAllLines(list, inputs);
            List<string> args = [escript, mode, list, output];
            if (otp27ScannerDir is not null)
            {
                args.AddRange([Otp27Scanner.Module, otp27ScannerDir]);
            }

            ErlangTool.Run(ErlangTool.Escript, args, TimeSpan.FromMinutes(5));
            var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            List<string>? current = null;
            foreach (string line in File.ReadLines(output))
            {
                if (line.StartsWith("F ", StringComparison.Ordinal))
                {
                    current = [];
                    result[line[2..]] = current;
                }
                else
                {
                    current?.Add(line);
                }
            }

            return result;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Our lexer's view of a text in the escript's format: every token but end of file, or the first error.</summary>
    public static List<string> Ours(SourceText text, LexerOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Scan(text, options, diagnostics);
        if (diagnostics.Count > 0)
        {
            Diagnostic first = diagnostics[0];
            return [$"E {first.Line} {first.Column} {Hex(first.Message)}"];
        }

        var lines = new List<string>(tokens.Length);
        foreach (Token token in tokens)
        {
            if (token.Kind != TokenKind.EndOfFile)
            {
                lines.Add(Line(token));
            }
        }

        return lines;
    }

    /// <summary>
    /// Our lexer's view form by form, as epp gets it from io:scan_erl_form: the tokens of each form up to its dot;
    /// at an error (its bad token, one per diagnostic in order) the tokens of the form so far are dropped, the
    /// error is given, and the next form starts after it.
    /// </summary>
    public static List<string> OursByForm(SourceText text, LexerOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var lexer = new Lexer(text, options, diagnostics);
        var lines = new List<string>();
        var form = new List<string>();
        int errors = 0;
        while (true)
        {
            Token token = lexer.Next();
            switch (token.Kind)
            {
                case TokenKind.EndOfFile:
                    lines.AddRange(form);
                    if (errors != diagnostics.Count)
                    {
                        lines.Add($"<{diagnostics.Count} diagnostics, {errors} bad tokens>");
                    }

                    return lines;
                case TokenKind.Bad:
                    form.Clear();
                    Diagnostic d = diagnostics[errors++];
                    lines.Add($"E {d.Line} {d.Column} {Hex(d.Message)}");
                    break;
                case TokenKind.Dot:
                    form.Add(Line(token));
                    lines.AddRange(form);
                    form.Clear();
                    break;
                default:
                    form.Add(Line(token));
                    break;
            }
        }
    }

    private static string Line(Token token) => $"T {Hex(Category(token))} {token.Line} {token.Column} {Value(token)}";

    private static string Category(Token token) => token.Kind switch
    {
        TokenKind.Atom => "atom",
        TokenKind.Var => "var",
        TokenKind.Char => "char",
        TokenKind.Integer => "integer",
        TokenKind.Float => "float",
        TokenKind.String => "string",
        TokenKind.SigilPrefix => "sigil_prefix",
        TokenKind.SigilSuffix => "sigil_suffix",
        TokenKind.Symbol => token.Text,
        TokenKind.Dot => "dot",
        _ => $"<{token.Kind}>",
    };

    private static string Value(Token token) => token.Value switch
    {
        null => "-",
        string s => s.Length == 0 ? "=" : Hex(s),
        int i => i.ToString(CultureInfo.InvariantCulture),
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        double d => ((ulong)BitConverter.DoubleToInt64Bits(d)).ToString(CultureInfo.InvariantCulture),
        var other => $"<{other}>",
    };

    public static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));
}
