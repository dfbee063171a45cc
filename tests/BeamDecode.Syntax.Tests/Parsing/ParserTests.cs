using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Tests.Parsing;

/// <summary>
/// The parser, construct by construct. Each case of erl_parse_cases.txt is a form and erl_parse's own answer for it
/// (OTP 25.2.3, erl_parse_cases.escript): the form written back with AbstractFormWriter must be that very term
/// (annotations included), and an error must be reported at the same line and column with the same message. The
/// constructs OTP 25 does not have are checked against OTP 27's erl_parse (its generated erl_parse.erl from the OTP 27
/// corpus, -doc attributes stripped, compiled under OTP 25, fed the same tokens): sigils, map comprehensions, -doc
/// values, the OTP 27 head-mismatch message; the OTP 28 ones (strict and zip generators, -nominal) against terms
/// built by hand from the rules of the OTP 28 grammar, which no installed Erlang here can confirm.
/// </summary>
public sealed class ParserTests
{
    public static TheoryData<string, string> ErlParseCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Parsing", "erl_parse_cases.txt")))
        {
            int tab = line.IndexOf('\t');
            data.Add(line[..tab], line[(tab + 1)..]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ErlParseCases))]
    public void Form_GivesErlParsesTermOrError(string source, string expected)
    {
        var diagnostics = new List<Diagnostic>();
        var form = Parse(source, diagnostics, 25);
        if (expected.StartsWith("error\t", StringComparison.Ordinal))
        {
            Assert.IsType<ErrorMarkerForm>(form);
            var d = Assert.Single(diagnostics);
            Assert.Equal(expected["error\t".Length..], $"{d.Line}:{d.Column}: {d.Message}");
            Assert.StartsWith("BD05", d.Id, StringComparison.Ordinal);
            return;
        }

        Assert.Empty(diagnostics);
        Assert.Equal(expected, AbstractFormWriter.Default.WriteForm(form).ToString());
    }

    [Fact]
    public void Import_WithoutFunctionList_IsRefusedWhereErlParseCrashes()
    {
        var diagnostics = new List<Diagnostic>();
        Assert.IsType<ErrorMarkerForm>(Parse("-import(lists).", diagnostics, 25));
        Assert.Equal("bad import declaration", Assert.Single(diagnostics).Message);
    }

    [Theory]
    [InlineData("f() -> ~\"abc\".", "{function,{1,1},f,0,[{clause,{1,1},[],[],[{bin,{1,8},[{bin_element,{1,9},{string,{1,9},[97,98,99]},default,[utf8]}]}]}]}")]
    [InlineData("f() -> ~b\"x\".", "{function,{1,1},f,0,[{clause,{1,1},[],[],[{bin,{1,8},[{bin_element,{1,10},{string,{1,10},[120]},default,[utf8]}]}]}]}")]
    [InlineData("f() -> ~s\"y\".", "{function,{1,1},f,0,[{clause,{1,1},[],[],[{string,{1,10},[121]}]}]}")]
    [InlineData("f() -> \"\"\"\n  a\n  \"\"\".", "{function,{1,1},f,0,[{clause,{1,1},[],[],[{string,{1,8},[97]}]}]}")]
    public void Sigils_Otp27_AreStringsOrUtf8Binaries(string source, string expected)
    {
        var diagnostics = new List<Diagnostic>();
        var form = Parse(source, diagnostics, 27);
        Assert.Empty(diagnostics);
        Assert.Equal(expected, AbstractFormWriter.Default.WriteForm(form).ToString());
    }

    /// <summary>Expected terms from OTP 27's erl_parse (the corpus's erl_parse.erl compiled under OTP 25).</summary>
    [Theory]
    [InlineData("-doc(#{equiv => f(X, [a]), since => <<\"OTP 27\">>, a => g/1}).",
        "{attribute,{1,2},doc,#{a => {g,1},equiv => {call,{1,17},{atom,{1,17},f},[{var,{1,19},'X'},{cons,{1,22},{atom,{1,23},a},{nil,{1,24}}}]},since => <<79,84,80,32,50,55>>}}")]
    [InlineData("-doc \"text\".", "{attribute,{1,2},doc,[116,101,120,116]}")]
    [InlineData("-moduledoc false.", "{attribute,{1,2},moduledoc,false}")]
    [InlineData("-doc({file, \"x.md\"}).", "{attribute,{1,2},doc,{file,[120,46,109,100]}}")]
    [InlineData("-doc(1).", "error\t1:6: bad doc declaration")]
    [InlineData("-moduledoc(#{equiv => f(X)}).", "error\t1:12: bad attribute")]
    [InlineData("-doc(#{equiv => init(D, fun(_) -> true end, fun m:f/2, <<1:8/integer-unit:1>>)}).",
        "{attribute,{1,2},doc,#{equiv => {call,{1,17},{atom,{1,17},init},[{var,{1,22},'D'},{'fun',{1,25},{clauses,[{clause,{1,28},[{var,{1,29},'_'}],[],[{atom,{1,35},true}]}]}},"
        + "{'fun',{1,45},{function,{atom,{1,49},m},{atom,{1,51},f},{integer,{1,53},2}}},{bin,{1,56},[{bin_element,{1,58},{integer,{1,58},1},{integer,{1,60},8},[integer,{unit,1}]}]}]}}}")]
    [InlineData("-doc(#{equiv => m:f(1)}).", "{attribute,{1,2},doc,#{equiv => {call,{1,17},{remote,{1,18},{atom,{1,17},m},{atom,{1,19},f}},[{integer,{1,21},1}]}}}")]
    [InlineData("-doc(#{equiv => g(X) + 1}).", "error\t1:6: bad attribute")]
    [InlineData("-doc(#{equiv => fun f/1}).", "error\t1:6: bad attribute")]
    public void DocAttributes_Otp27(string source, string expected)
    {
        var diagnostics = new List<Diagnostic>();
        var form = Parse(source, diagnostics, 27);
        if (expected.StartsWith("error\t", StringComparison.Ordinal))
        {
            var d = Assert.Single(diagnostics);
            Assert.Equal(expected["error\t".Length..], $"{d.Line}:{d.Column}: {d.Message}");
            return;
        }

        Assert.Empty(diagnostics);
        Assert.Equal(expected, AbstractFormWriter.Default.WriteForm(form).ToString());
    }

    [Fact]
    public void Sigil_WithUnknownPrefix_IsIllegal()
    {
        var diagnostics = new List<Diagnostic>();
        Assert.IsType<ErrorMarkerForm>(Parse("f() -> ~r\"a\".", diagnostics, 27));
        var d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.ParserIllegalSigil, "illegal sigil prefix", 1, 8), (d.Id, d.Message, d.Line, d.Column));
    }

    [Fact]
    public void MapComprehension_AndMapGenerator_Otp26()
    {
        var form = ParseOk("f(M) -> #{K => V || K := V <- M}.", 27);
        Assert.Equal(
            "{function,{1,1},f,1,[{clause,{1,1},[{var,{1,3},'M'}],[],[{mc,{1,9},{map_field_assoc,{1,13},{var,{1,11},'K'},{var,{1,16},'V'}},"
            + "[{m_generate,{1,28},{map_field_exact,{1,23},{var,{1,21},'K'},{var,{1,26},'V'}},{var,{1,31},'M'}}]}]}]}",
            AbstractFormWriter.Default.WriteForm(form).ToString());
    }

    [Fact]
    public void StrictAndZipGenerators_Otp28()
    {
        var form = ParseOk("f(L, M) -> [X || X <:- L, Y <- L && <<Z>> <:= M].", 28);
        Assert.Equal(
            "{function,{1,1},f,2,[{clause,{1,1},[{var,{1,3},'L'},{var,{1,6},'M'}],[],[{lc,{1,12},{var,{1,13},'X'},"
            + "[{generate_strict,{1,20},{var,{1,18},'X'},{var,{1,24},'L'}},"
            + "{zip,{1,29},[{generate,{1,29},{var,{1,27},'Y'},{var,{1,32},'L'}},{b_generate_strict,{1,43},{bin,{1,37},[{bin_element,{1,39},{var,{1,39},'Z'},default,default}]},{var,{1,47},'M'}}]}]}]}]}",
            AbstractFormWriter.Default.WriteForm(form).ToString());
    }

    [Fact]
    public void Nominal_IsATypeAttributeFromOtp28_AndBadBefore()
    {
        var form = Assert.IsType<TypeAttribute>(ParseOk("-nominal meter() :: integer().", 28));
        Assert.Equal(("nominal", "meter"), (form.Kind, form.Name));
        var diagnostics = new List<Diagnostic>();
        Assert.IsType<ErrorMarkerForm>(Parse("-nominal meter() :: integer().", diagnostics, 25));
        Assert.Equal("bad attribute", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Dynamic_IsPredefinedFromOtp26()
    {
        var at26 = Assert.IsType<TypeAttribute>(ParseOk("-type t() :: dynamic().", 26));
        Assert.IsType<BuiltinType>(at26.Type);
        var at25 = Assert.IsType<TypeAttribute>(ParseOk("-type t() :: dynamic().", 25));
        Assert.IsType<UserType>(at25.Type);
    }

    [Fact]
    public void HeadMismatch_Otp27_NamesBothFunctions()
    {
        var diagnostics = new List<Diagnostic>();
        Parse("f(X) -> 1; g(X) -> 2.", diagnostics, 27);
        Assert.Equal(
            "head mismatch: previous function f/1 is distinct from g/1. Is the semicolon in f/1 unwanted?",
            Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void ParseExpressions_ReadsCommaSeparatedExpressionsToTheDot()
    {
        var diagnostics = new List<Diagnostic>();
        var tokens = Lex("X + 1, foo(Y).", 25);
        var exprs = Parser.ParseExpressions(tokens, diagnostics);
        Assert.Empty(diagnostics);
        Assert.NotNull(exprs);
        Assert.Collection(exprs.Value, e => Assert.IsType<BinaryOpExpr>(e), e => Assert.IsType<CallExpr>(e));
        Assert.Null(Parser.ParseExpressions(Lex("X +.", 25), diagnostics));
        Assert.Equal("syntax error before: '.'", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void ParseWithSpan_SpansTheFormAndItsLeadingComments()
    {
        string text = "-module(m).\n\n%% Doc of f.\nf() ->\n    ok.\ng() -> 1.\n";
        var source = new SourceText(text, "m.erl");
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Scan(source, new LexerOptions(25), diagnostics);
        var forms = SplitForms(tokens);
        var parser = new Parser();
        var f = parser.ParseWithSpan(forms[1], diagnostics);
        Assert.Empty(diagnostics);
        Assert.IsType<FunctionDecl>(f.Form);
        Assert.Equal("f() ->\n    ok.", f.Text);
        Assert.Equal("\n%% Doc of f.\nf() ->\n    ok.", f.FullText);
        var g = parser.ParseWithSpan(forms[2], diagnostics);
        Assert.Equal("g() -> 1.", g.FullText);
    }

    [Fact]
    public void ParseWithSpan_FormStartingWithAMacro_StartsAtTheMacroCall()
    {
        string text = "-module(m).\n-define(F, f).\n%% c\n?F() ->\n    ok.\n";
        var preprocessed = Preprocessor.Preprocess(new SourceText(text, "m.erl"), new PreprocessorOptions { OtpRelease = 25, SearchInstalledOtp = false });
        var forms = preprocessed.Items.OfType<PreprocessedForm>().ToList();
        var diagnostics = new List<Diagnostic>();
        var f = new Parser().ParseWithSpan(forms[^1].Tokens, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal("f", Assert.IsType<FunctionDecl>(f.Form).Name);
        Assert.Equal("?F() ->\n    ok.", f.Text);
    }

    [Fact]
    public void DeepNesting_GivesADiagnostic_NotAStackOverflow()
    {
        string source = "f() -> " + new string('[', 5000) + new string(']', 5000) + ".";
        var diagnostics = new List<Diagnostic>();
        Assert.IsType<ErrorMarkerForm>(Parse(source, diagnostics, 25));
        Assert.Equal(DiagnosticId.ParserNestingTooDeep, Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void LongOperatorChain_ParsesWithoutDeepRecursion()
    {
        string source = "f() -> " + string.Join(" ++ ", Enumerable.Repeat("a", 20000)) + ".";
        var diagnostics = new List<Diagnostic>();
        Assert.IsType<FunctionDecl>(Parse(source, diagnostics, 25));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void EveryPrefixOfAForm_GivesAFormOrADiagnostic_NeverAnException()
    {
        var tokens = Lex(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Parsing", "erl_parse_cases.txt"))
            .First(l => l.StartsWith("f(X, [H|T]", StringComparison.Ordinal)).Split('\t')[0], 25);
        for (int n = 0; n <= tokens.Count; n++)
        {
            var diagnostics = new List<Diagnostic>();
            var form = Parser.ParseForm([.. tokens.Take(n)], diagnostics);
            Assert.True(form is FunctionDecl || diagnostics.Count == 1, $"prefix of {n} tokens");
        }
    }

    private static Form ParseOk(string source, int release)
    {
        var diagnostics = new List<Diagnostic>();
        var form = Parse(source, diagnostics, release);
        Assert.Empty(diagnostics);
        return form;
    }

    private static Form Parse(string source, List<Diagnostic> diagnostics, int release) =>
        Parser.ParseForm(Lex(source, release), diagnostics, new ParserOptions { OtpRelease = release });

    /// <summary>The tokens of one form (up to its dot) with maybe_expr enabled, as erl_parse_cases.escript scans.</summary>
    private static List<Token> Lex(string source, int release)
    {
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Scan(new SourceText(source), new LexerOptions(release, [LexerOptions.MaybeExpr]), diagnostics);
        Assert.Empty(diagnostics);
        return SplitForms(tokens)[0];
    }

    private static List<List<Token>> SplitForms(IReadOnlyList<Token> tokens)
    {
        var forms = new List<List<Token>> { new() };
        foreach (var t in tokens)
        {
            if (t.Kind == TokenKind.EndOfFile)
            {
                break;
            }

            forms[^1].Add(t);
            if (t.Kind == TokenKind.Dot)
            {
                forms.Add([]);
            }
        }

        return forms;
    }
}
