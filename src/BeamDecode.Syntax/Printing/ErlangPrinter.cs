using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

/// <summary>Printer settings.</summary>
public sealed record PrinterOptions
{
    /// <summary>The line width the layout aims at (erl_pp's default paper width is 72; OTP code uses about 100).</summary>
    public int Width { get; init; } = 100;

    /// <summary>Start each form at its original line, padding with blank lines, so line numbers in crash reports
    /// point at the right line of the printed file; forms whose lines overlap follow each other.</summary>
    public bool KeepLines { get; init; }

    public static PrinterOptions Default { get; } = new();
}

/// <summary>
/// Writes the syntax model as Erlang source in the style of erl_pp (stdlib erl_pp.erl): forms end with <c>.</c>,
/// clause bodies are indented four columns from the start of their construct, parentheses only where the
/// operator precedences of erl_parse (<see cref="OperatorPrecedence"/>) need them, and a construct goes on one
/// line when it fits the width and holds no clauses; otherwise its parts go one per line aligned after its
/// opening bracket. What is printed is here; <see cref="TokenWriter"/> only writes.
/// </summary>
public sealed partial class ErlangPrinter
{
    private const int Indent = 4;

    private readonly PrinterOptions _options;
    private readonly TokenWriter _w = new();
    /// <summary>The one-line width of each expression asked about so far, -1 for none (see ErlangPrinter.Flat.cs).</summary>
    private readonly Dictionary<SyntaxNode, int> _flat = new(ReferenceEqualityComparer.Instance);

    private int _misplacedForms;

    /// <summary>While a node's one-line text is computed (--keep-lines), the line it starts on.</summary>
    private int _flatParentLine;

    /// <summary>The last string literal's code points and text (see StringText).</summary>
    private int[]? _lastStringChars;
    private string? _lastString;

    private ErlangPrinter(PrinterOptions options) => _options = options;

    public static string Print(ModuleSyntax module, PrinterOptions? options = null) => PrintModule(module, options).Text;

    /// <summary>The text, and (with --keep-lines) how many forms could not start at their original line because
    /// the text before them already reached past it (forms sharing a line, or laid out longer than the original).</summary>
    public static (string Text, int MisplacedForms) PrintModule(ModuleSyntax module, PrinterOptions? options = null)
    {
        var (text, misplaced) = PrintModuleText(module, options);
        return (text.ToString(), misplaced);
    }

    /// <summary>As <see cref="PrintModule"/>, the text left in the printer's buffer (for writing it to a file).</summary>
    public static (PrintedText Text, int MisplacedForms) PrintModuleText(ModuleSyntax module, PrinterOptions? options = null)
    {
        var p = new ErlangPrinter(options ?? PrinterOptions.Default);
        p.WriteModule(module);
        return (p._w.ToPrintedText(), p._misplacedForms);
    }

    /// <summary>One expression on its own (tests, diagnostics).</summary>
    public static string PrintExpr(Expr expr, PrinterOptions? options = null)
    {
        var p = new ErlangPrinter(options ?? PrinterOptions.Default);
        p.Emit(expr, 0);
        return p._w.ToString();
    }

    private int Width => _options.Width;

    /// <summary>Does one-line text fit here? Always with --keep-lines: there the original line breaks decide.</summary>
    private bool Fits(string flat) => Fits(flat.Length);

    private bool Fits(int flatLength) => _options.KeepLines || _w.Column + flatLength <= Width;
}
