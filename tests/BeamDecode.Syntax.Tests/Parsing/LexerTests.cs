using System.Numerics;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Tests.Parsing;

/// <summary>
/// The lexer per construct, with the values erl_scan gives (OTP 25's are also checked token by token against
/// erl_scan itself in BeamDecode.Conformance.Tests/ErlScan; the OTP 27 constructs here follow OTP 27's erl_scan.erl).
/// </summary>
public sealed class LexerTests
{
    private static (List<Token> Tokens, List<Diagnostic> Diagnostics) Scan(string text, int release = 27)
    {
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Scan(new SourceText(text), new LexerOptions(release), diagnostics);
        Assert.Equal(TokenKind.EndOfFile, tokens[^1].Kind);
        return (tokens.Take(tokens.Length - 1).ToList(), diagnostics);
    }

    private static List<Token> ScanClean(string text, int release = 27)
    {
        var (tokens, diagnostics) = Scan(text, release);
        Assert.Empty(diagnostics);
        return tokens;
    }

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.Symbol => t.Text,
        TokenKind.Dot => "dot",
        _ => $"{t.Kind}:{t.Value}",
    };

    [Fact]
    public void Integers_AllBasesAndSeparators_HaveTheirValues()
    {
        var tokens = ScanClean("2#1010 16#ff_FF 36#Zz 1_000 8#777 123456789012345678901234567890 16#FFFFFFFFFFFFFFFFFFFF");
        Assert.All(tokens, t => Assert.Equal(TokenKind.Integer, t.Kind));
        Assert.Equal(
            [new BigInteger(10), new BigInteger(65535), new BigInteger(1295), new BigInteger(1000), new BigInteger(511),
             BigInteger.Parse("123456789012345678901234567890"), (BigInteger.One << 80) - 1],
            tokens.Select(t => (BigInteger)t.Value!));
        Assert.Equal("16#ff_FF", tokens[1].Text);
    }

    [Fact]
    public void Floats_WithExponentsAndSeparators_HaveTheirValues()
    {
        var tokens = ScanClean("1.5e-3 2.5_0e1_0 1.0E+10 0.0e999 3.14");
        Assert.Equal([0.0015, 2.50e10, 1.0e10, 0.0, 3.14], tokens.Select(t => (double)t.Value!));
    }

    [Fact]
    public void Number_FollowedByDotsOrLetters_SplitsAsErlScan()
    {
        var tokens = ScanClean("1..2 1e5 1_a");
        Assert.Equal(["Integer:1", "..", "Integer:2", "Integer:1", "Atom:e5", "Integer:1", "Var:_a"], tokens.Select(Describe));
    }

    [Fact]
    public void Chars_EveryEscape_HasItsCodePoint()
    {
        var tokens = ScanClean(@"$a $\n $\t $\s $\e $\d $\b $\f $\r $\v $\^A $\^? $\x41 $\x{10FFFF} $\101 $\7 $\z $  $\\ $😀");
        Assert.Equal([97, 10, 9, 32, 27, 127, 8, 12, 13, 11, 1, 127, 0x41, 0x10FFFF, 65, 7, 'z', 32, '\\', 0x1F600],
            tokens.Select(t => (int)t.Value!));
        Assert.All(tokens, t => Assert.Equal(TokenKind.Char, t.Kind));
    }

    [Fact]
    public void Strings_WithEscapes_HaveDecodedValueAndSourceText()
    {
        var tokens = ScanClean("\"a\\tb\\x{1F600}\\101\\\"\" 'quoted atom\\n'");
        Assert.Equal("a\tb😀A\"", tokens[0].Value);
        Assert.Equal("\"a\\tb\\x{1F600}\\101\\\"\"", tokens[0].Text);
        Assert.Equal(TokenKind.Atom, tokens[1].Kind);
        Assert.Equal("quoted atom\n", tokens[1].Value);
    }

    [Fact]
    public void Dot_OnlyBeforeWhiteSpaceCommentOrEnd_EndsAForm()
    {
        var tokens = ScanClean("a.b. c.%x\nd.");
        Assert.Equal(["Atom:a", ".", "Atom:b", "dot", "Atom:c", "dot", "Atom:d", "dot"], tokens.Select(Describe));
    }

    [Fact]
    public void Operators_AllMultiCharacterOnes_AreSingleSymbols()
    {
        var tokens = ScanClean("=:= =/= == /= =< >= ++ -- || <- <= :: := => ... .. << >> ?= -> ? ! # | & ~", release: 26);
        Assert.Equal("=:= =/= == /= =< >= ++ -- || <- <= :: := => ... .. << >> ?= -> ? ! # | & ~".Split(' '),
            tokens.Select(t => t.Text));
        Assert.All(tokens, t => Assert.Equal(TokenKind.Symbol, t.Kind));
    }

    [Fact]
    public void StrictAndZipGenerators_FromOtp28_AreSymbols()
    {
        Assert.Equal(["<:-", "<:=", "&&"], ScanClean("<:- <:= &&", release: 28).Select(Describe));
        Assert.Equal(["<", ":", "-", "<", ":=", "&", "&"], ScanClean("<:- <:= &&", release: 27).Select(Describe));
    }

    [Fact]
    public void OlderReleases_NoMaybeOperatorBefore25_NoDigitSeparatorsBefore23()
    {
        Assert.Equal(["?", "=", "Integer:1", "Var:_000"], ScanClean("?= 1_000", release: 22).Select(Describe));
        Assert.Equal(["?", "=", "Integer:1000"], ScanClean("?= 1_000", release: 24).Select(Describe));
        Assert.Equal(["?=", "Integer:1000"], ScanClean("?= 1_000", release: 25).Select(Describe));
    }

    [Fact]
    public void MaybeAndElse_ReservedOnlyWithMaybeExpr()
    {
        Assert.Equal(["Atom:maybe", "Atom:else"], ScanClean("maybe else", release: 26).Select(Describe));
        Assert.Equal(["maybe", "else"], ScanClean("maybe else", release: 27).Select(Describe));
        var disabled = new LexerOptions(27).WithFeature(LexerOptions.MaybeExpr, enabled: false);
        var tokens = Lexer.Scan(new SourceText("maybe andalso"), disabled, []);
        Assert.Equal(["Atom:maybe", "andalso"], tokens.SkipLast(1).Select(Describe));
    }

    [Fact]
    public void Latin1Letters_AreNameCharacters_AndOtherLatin1IsPunctuation()
    {
        var tokens = ScanClean("Åsa ärlig × ¿");
        Assert.Equal(["Var:Åsa", "Atom:ärlig", "×", "¿"], tokens.Select(Describe));
    }

    [Fact]
    public void Columns_CountCodePoints_TabsAsOne()
    {
        var tokens = ScanClean("\tx \"😀\" y\n  z");
        Assert.Equal([(1, 2), (1, 4), (1, 8), (2, 3)], tokens.Select(t => (t.Line, t.Column)));
    }

    [Fact]
    public void Trivia_CommentsAndWhiteSpace_SplitAtEndOfLine_AndRoundTrip()
    {
        const string text = "%% head\n\na % c\n  b. \n% tail\n";
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Scan(new SourceText(text), LexerOptions.Default, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(["%% head", "\n", "\n"], tokens[0].LeadingTrivia.Select(t => text.Substring(t.Span.Start, t.Span.Length)));
        Assert.Equal([" ", "% c", "\n"], tokens[0].TrailingTrivia.Select(t => text.Substring(t.Span.Start, t.Span.Length)));
        Assert.Equal([TriviaKind.WhiteSpace, TriviaKind.Comment, TriviaKind.WhiteSpace], tokens[0].TrailingTrivia.Select(t => t.Kind));
        Assert.Equal(["  "], tokens[1].LeadingTrivia.Select(t => text.Substring(t.Span.Start, t.Span.Length)));
        Assert.Equal(["% tail", "\n"], tokens[^1].LeadingTrivia.Select(t => text.Substring(t.Span.Start, t.Span.Length)));
        Assert.Equal(text, Concatenate(tokens));
    }

    [Fact]
    public void Trivia_ComputedFromBounds_KeptByWith_EmptyForMadeTokens()
    {
        const string text = "a  % c\n b";
        var tokens = Lexer.Scan(new SourceText(text), LexerOptions.Default, []);
        Assert.Equal((0, 7), (tokens[0].LeadingTriviaStart, tokens[0].TrailingTriviaEnd));
        Token copy = tokens[0] with { FromMacro = true };
        Assert.Equal(tokens[0].TrailingTrivia, copy.TrailingTrivia);
        Assert.Equal(3, copy.TrailingTrivia.Length);
        var made = new Token(TokenKind.Atom, new TextSpan(0, 1), "a", "a", 1, 1) { Source = new SourceText(text) };
        Assert.True(made.LeadingTrivia.IsEmpty);
        Assert.True(made.TrailingTrivia.IsEmpty);
        var given = made with { TrailingTrivia = [new Trivia(TriviaKind.WhiteSpace, new TextSpan(1, 2))] };
        Assert.Single(given.TrailingTrivia);
    }

    [Fact]
    public void TripleQuotedString_StripsClosingIndentation()
    {
        var tokens = ScanClean("x = \"\"\"\n    a\n\n      b\n    \"\"\".\n");
        Assert.Equal("a\n\n  b", tokens[2].Value);
        Assert.Equal((1, 5), (tokens[2].Line, tokens[2].Column));
        Assert.Equal((5, 8), (tokens[3].Line, tokens[3].Column));
    }

    [Fact]
    public void TripleQuotedString_IsVerbatim_ButSigilBIsNot()
    {
        Assert.Equal("a\\nb", ScanClean("\"\"\"\na\\nb\n\"\"\"")[0].Value);
        var tokens = ScanClean("~b\"\"\"\na\\nb\n\"\"\"");
        Assert.Equal(["SigilPrefix:b", "String:a\nb", "SigilSuffix:"], tokens.Select(Describe));
    }

    [Fact]
    public void TripleQuotedString_BadIndentation_ReportsFirstBadLine()
    {
        var (_, diagnostics) = Scan("\"\"\"\n  a\n b\n c\n  \"\"\"");
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.BadIndentation, 3, 2), (d.Id, d.Line, d.Column));
        Assert.Equal("bad indentation in triple-quoted string", d.Message);
    }

    [Fact]
    public void TripleQuotedString_TextAfterOpeningQuotes_IsAnError()
    {
        var (_, diagnostics) = Scan("x = \"\"\"  y\n\"\"\"");
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.TripleQuoteNotWhiteSpace, 1, 10), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void TripleQuotedString_Unterminated_ReportsAfterOpeningQuotes()
    {
        var (_, diagnostics) = Scan("x = \"\"\"\nabc");
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.UnterminatedString, 1, 8), (d.Id, d.Line, d.Column));
        Assert.Equal("unterminated triple-quoted string starting with \"\\nabc\"", d.Message);
    }

    [Fact]
    public void Sigils_AllDelimiters_GivePrefixStringSuffix()
    {
        var tokens = ScanClean("~\"a\" ~s(b\\n) ~B[c\\n]x ~{d} ~<e> ~/f/ ~|g| ~#h# ~`i` ~'j'");
        Assert.Equal(
            ["SigilPrefix:", "String:a", "SigilSuffix:", "SigilPrefix:s", "String:b\n", "SigilSuffix:",
             "SigilPrefix:B", "String:c\\n", "SigilSuffix:x", "SigilPrefix:", "String:d", "SigilSuffix:",
             "SigilPrefix:", "String:e", "SigilSuffix:", "SigilPrefix:", "String:f", "SigilSuffix:",
             "SigilPrefix:", "String:g", "SigilSuffix:", "SigilPrefix:", "String:h", "SigilSuffix:",
             "SigilPrefix:", "String:i", "SigilSuffix:", "SigilPrefix:", "String:j", "SigilSuffix:"],
            tokens.Select(Describe));
    }

    [Fact]
    public void Sigil_BeforeOtp27_IsATildeSymbol()
    {
        Assert.Equal(["~", "String:a"], ScanClean("~\"a\"", release: 26).Select(Describe));
    }

    [Fact]
    public void Sigil_WithoutDelimiter_IsIllegalString()
    {
        var (tokens, diagnostics) = Scan("~x y");
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.IllegalString, 1, 3, "illegal string"), (d.Id, d.Line, d.Column, d.Message));
        Assert.Equal(["SigilPrefix:x", "Bad:", "Atom:y"], tokens.Select(Describe));
        Assert.Equal(new TextSpan(2, 0), tokens[1].Span);
    }

    [Fact]
    public void AdjacentStrings_FromOtp27_AreAnError_MarkedByAnEmptyBadToken()
    {
        var (tokens, diagnostics) = Scan("\"a\"\"b\"");
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.AdjacentStringLiterals, 1, 4), (d.Id, d.Line, d.Column));
        Assert.Equal(["String:a", "Bad:", "String:b"], tokens.Select(Describe));
        Assert.Equal(new TextSpan(3, 0), tokens[1].Span);
        Assert.Equal(["String:a", "String:b"], ScanClean("\"a\"\"b\"", release: 26).Select(Describe));
    }

    [Theory]
    [InlineData(25, 1)]
    [InlineData(27, 2)]
    public void UnterminatedString_ReportsTheReleasesLocation(int release, int column)
    {
        var (tokens, diagnostics) = Scan("\"abc\ndef", release);
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.UnterminatedString, 1, column), (d.Id, d.Line, d.Column));
        Assert.Equal("unterminated string starting with \"abc\\ndef\"", d.Message);
        Assert.Equal(TokenKind.Bad, Assert.Single(tokens).Kind);
    }

    [Fact]
    public void Error_ScanningGoesOnWhereErlScanDoes()
    {
        var (tokens, diagnostics) = Scan("x = 37#1, y.");
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticId.IllegalBase, 1, 5, "illegal base '37'"), (d.Id, d.Line, d.Column, d.Message));
        Assert.Equal(["Atom:x", "=", "Bad:", "#", "Integer:1", ",", "Atom:y", "dot"], tokens.Select(Describe));
    }

    [Fact]
    public void Diagnostic_CarriesTheFilePath()
    {
        var diagnostics = new List<Diagnostic>();
        Lexer.Scan(new SourceText("a ∀", "m.erl"), LexerOptions.Default, diagnostics);
        Assert.Equal("m.erl:1:3: BD0500: illegal character", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void Fragment_StartsAtGivenLineAndColumn()
    {
        var text = new SourceText("-define(X, 1).\nfoo bar\nbaz");
        var tokens = Lexer.Scan(text, 8, 11, 7, 10, LexerOptions.Default, []);
        Assert.Equal([("X", 7, 10), (",", 7, 11), ("1", 7, 13), (")", 7, 14), (".", 7, 15), ("foo", 8, 1)],
            tokens.SkipLast(1).Select(t => (t.Text, t.Line, t.Column)));
        Assert.Equal(8, tokens[0].Span.Start);
        Assert.Equal(19, tokens[^1].Span.Start);
    }

    [Fact]
    public void PullApi_OptionsChangeBetweenTokens()
    {
        var lexer = new Lexer(new SourceText("maybe. maybe."), new LexerOptions(26), []);
        Assert.Equal(TokenKind.Atom, lexer.Next().Kind);
        Assert.Equal(TokenKind.Dot, lexer.Next().Kind);
        lexer.Options = lexer.Options.WithFeature(LexerOptions.MaybeExpr, enabled: true);
        Assert.True(lexer.Next().IsSymbol("maybe"));
        Assert.Equal(TokenKind.Dot, lexer.Next().Kind);
        Assert.Equal(TokenKind.EndOfFile, lexer.Next().Kind);
        Assert.Equal(TokenKind.EndOfFile, lexer.Next().Kind);
    }

    [Fact]
    public void PathologicalInputs_NeverThrow_AndRoundTrip()
    {
        var random = new Random(5);
        for (int i = 0; i < 300; i++)
        {
            char[] chars = new char[random.Next(1, 200)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = random.Next(4) == 0 ? (char)random.Next(0, 0x10000) : "\"'$\\~#.%\n xX1_{}<:=-"[random.Next(20)];
            }

            string text = new(chars);
            foreach (int release in new[] { 25, 27, 28 })
            {
                var tokens = Lexer.Scan(new SourceText(text), new LexerOptions(release), []);
                Assert.Equal(text, Concatenate(tokens));
            }
        }
    }

    [Fact]
    public void HugeUnterminatedString_ScansInLinearTime()
    {
        string text = "x = \"" + new string('a', 2_000_000) + "\n" + string.Concat(Enumerable.Repeat("\"\\x{}", 20_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Scan(new SourceText(text), LexerOptions.Default, diagnostics);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(text, Concatenate(tokens));
        Assert.NotEmpty(diagnostics);
    }

    internal static string Concatenate(IEnumerable<Token> tokens)
    {
        var builder = new System.Text.StringBuilder();
        foreach (Token token in tokens)
        {
            string source = token.Source!.Text;
            foreach (Trivia trivia in token.LeadingTrivia)
            {
                builder.Append(source, trivia.Span.Start, trivia.Span.Length);
            }

            builder.Append(source, token.Span.Start, token.Span.Length);
            foreach (Trivia trivia in token.TrailingTrivia)
            {
                builder.Append(source, trivia.Span.Start, trivia.Span.Length);
            }
        }

        return builder.ToString();
    }
}
