using System.Numerics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Syntax.Tests.Printing;

/// <summary>The printer on hand-built nodes, for constructs OTP 25 cannot compile (map comprehensions, strict and
/// zip generators) and for the precedence and quoting rules.</summary>
public sealed class PrinterTests
{
    private static VarExpr V(string name) => new(name);

    private static AtomExpr A(string name) => new(name);

    private static IntegerExpr I(long value) => new(value);

    [Fact]
    public void MapComprehension_WithMapGenerator()
    {
        var mc = new MapComprehension(new MapAssoc(false, V("K"), V("V")),
            [new Generator(GeneratorKind.Map, false, new MapGeneratorPattern(V("K"), V("V")), V("M")), new Filter(new BinaryOpExpr(">", V("V"), I(0)))]);
        Assert.Equal("#{K => V || K := V <- M, V > 0}", ErlangPrinter.PrintExpr(mc));
    }

    [Fact]
    public void StrictAndZipGenerators_Otp28()
    {
        var lc = new ListComprehension(new TupleExpr([V("X"), V("Y")]),
            [new ZipGenerator([new Generator(GeneratorKind.List, true, V("X"), V("L")), new Generator(GeneratorKind.Binary, true, new BinaryExpr([new BinElement(V("Y"), null, null)]), V("B"))])]);
        Assert.Equal("[{X, Y} || X <:- L && <<Y>> <:= B]", ErlangPrinter.PrintExpr(lc));
    }

    [Theory]
    [InlineData("+", "*", false, "(A + B) * C")]
    [InlineData("*", "+", false, "A * B + C")]
    [InlineData("-", "-", true, "A - (B - C)")]
    [InlineData("-", "-", false, "A - B - C")]
    [InlineData("++", "++", true, "A ++ B ++ C")]
    [InlineData("++", "++", false, "(A ++ B) ++ C")]
    [InlineData("==", "==", false, "(A == B) == C")]
    [InlineData("andalso", "orelse", false, "A andalso B orelse C")]
    [InlineData("orelse", "andalso", false, "(A orelse B) andalso C")]
    public void Parentheses_FollowErlParsePrecedence(string inner, string outer, bool innerOnRight, string expected)
    {
        Expr e = innerOnRight
            ? new BinaryOpExpr(outer, V("A"), new BinaryOpExpr(inner, V("B"), V("C")))
            : new BinaryOpExpr(outer, new BinaryOpExpr(inner, V("A"), V("B")), V("C"));
        Assert.Equal(expected, ErlangPrinter.PrintExpr(e));
    }

    [Fact]
    public void Catch_IsParenthesisedExceptAtTheTop()
    {
        Assert.Equal("catch f()", ErlangPrinter.PrintExpr(new CatchExpr(new CallExpr(A("f"), []))));
        Assert.Equal("X = (catch f())", ErlangPrinter.PrintExpr(new MatchExpr(V("X"), new CatchExpr(new CallExpr(A("f"), [])))));
        Assert.Equal("(catch f()) + 1", ErlangPrinter.PrintExpr(new BinaryOpExpr("+", new CatchExpr(new CallExpr(A("f"), [])), I(1))));
    }

    [Fact]
    public void UnaryMinus_NeverRunsIntoAnotherMinus()
    {
        Assert.Equal("-(-X)", ErlangPrinter.PrintExpr(new UnaryOpExpr("-", new UnaryOpExpr("-", V("X")))));
        Assert.Equal("-(-1)", ErlangPrinter.PrintExpr(new UnaryOpExpr("-", new IntegerExpr(-1))));
        Assert.Equal("not (A and B)", ErlangPrinter.PrintExpr(new UnaryOpExpr("not", new BinaryOpExpr("and", V("A"), V("B")))));
    }

    [Fact]
    public void RecordAccessOnACall_IsParenthesised()
    {
        var e = new RecordFieldExpr(new CallExpr(A("f"), []), "r", "x");
        Assert.Equal("(f())#r.x", ErlangPrinter.PrintExpr(e));
    }

    [Fact]
    public void BinaryElements_ParenthesiseNonPrimaryValuesAndSizes()
    {
        var b = new BinaryExpr([new BinElement(new UnaryOpExpr("-", I(1)), new BinaryOpExpr("*", V("N"), I(8)), [new BinTypeSpecifier("signed", null), new BinTypeSpecifier("unit", 1)])]);
        Assert.Equal("<<(-1):(N * 8)/signed-unit:1>>", ErlangPrinter.PrintExpr(b));
    }

    [Theory]
    [InlineData("ok", "ok")]
    [InlineData("Ok", "'Ok'")]
    [InlineData("hello world", "'hello world'")]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("receive", "'receive'")]
    [InlineData("maybe", "'maybe'")]
    [InlineData("", "''")]
    [InlineData("a@b_1", "a@b_1")]
    [InlineData("ünï", "ünï")]
    [InlineData("☃", "'☃'")]
    [InlineData("tab\there", "'tab\\there'")]
    public void Atoms_AreQuotedOnlyWhenNeeded(string name, string expected) => Assert.Equal(expected, ErlangLiterals.Atom(name));

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e300, "1.0e300")]
    [InlineData(2.5e-10, "2.5e-10")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(5e-324, "5.0e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e308")]
    public void Floats_AreShortestAndReadBack(double value, string expected)
    {
        string text = ErlangLiterals.Float(value);
        Assert.Equal(expected, text);
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Strings_EscapeWhatErlScanNeeds_AndKeepUnicode()
    {
        Assert.Equal("\"a\\\"b\\\\c\\nd\\001é☃\"", ErlangLiterals.String([.. "a\"b\\c\nd\u0001é☃".Select(c => (int)c)]));
        Assert.Equal("$\\s", ErlangLiterals.Char(' '));
        Assert.Equal("$\\x{D800}", ErlangLiterals.Char(0xD800));
    }

    [Fact]
    public void LongCall_BreaksArgumentsAlignedAfterTheParenthesis()
    {
        var args = Enumerable.Range(1, 30).Select(i => (Expr)new AtomExpr("argument_" + i)).ToArray();
        string text = ErlangPrinter.PrintExpr(new CallExpr(A("f"), args));
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 100, line));
        Assert.All(text.Split('\n').Skip(1), line => Assert.StartsWith("  argument_", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Equality_IgnoresAnnotations()
    {
        var a = new CallExpr(new AtomExpr("f") { Anno = new Anno(3, 5) }, [new IntegerExpr(new BigInteger(1)) { Anno = new Anno(3, 7) }]) { Anno = new Anno(3, 5) };
        var b = new CallExpr(new AtomExpr("f"), [new IntegerExpr(1)]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual<Expr>(a, new CallExpr(new AtomExpr("g"), [new IntegerExpr(1)]));
    }
}
