using System.Collections.Immutable;
using System.Numerics;
using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Tests.Terms;

/// <summary>
/// TermWriter against strings io_lib:format("~w", [T]) returned in erl (OTP 25) for the same terms; the expected
/// texts were copied from erl, not derived from the implementation. The conformance tests check many more.
/// </summary>
public sealed class TermWriterTests
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(255L, "255")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void Write_Integer_IsDecimal(long value, string expected) => AssertWrites(expected, IntegerTerm.Create(value));

    [Fact]
    public void Write_Bignum_IsDecimal()
    {
        AssertWrites("18446744073709551616", IntegerTerm.Create(BigInteger.One << 64));
        AssertWrites("-1267650600228229401496703205376", IntegerTerm.Create(-(BigInteger.One << 100)));
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(-1.0, "-1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.5, "0.5")]
    [InlineData(3.14, "3.14")]
    [InlineData(123.456, "123.456")]
    [InlineData(100.0, "100.0")]
    [InlineData(1000.0, "1.0e3")]
    [InlineData(-1000.0, "-1.0e3")]
    [InlineData(12345.0, "12345.0")]
    [InlineData(1.0e5, "1.0e5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.0012, "0.0012")]
    [InlineData(1.5e-4, "1.5e-4")]
    [InlineData(-1.5e-4, "-1.5e-4")]
    [InlineData(1.0e-5, "1.0e-5")]
    [InlineData(1.234e-7, "1.234e-7")]
    [InlineData(1.0e15, "1.0e15")]
    [InlineData(1.0e16, "1.0e16")]
    [InlineData(1.5e15, "1.5e15")]
    [InlineData(1.0e20, "1.0e20")]
    [InlineData(1.0e23, "1.0e23")]
    [InlineData(1234567890.0, "1234567890.0")]
    [InlineData(12345678900.0, "12345678900.0")]
    [InlineData(123456789000.0, "1.23456789e11")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(12345678901234567.0, "1.2345678901234568e16")]
    [InlineData(1.2345678901234568e17, "1.2345678901234568e17")]
    [InlineData(9007199254740991.0, "9007199254740991.0")]
    [InlineData(9007199254740992.0, "9.007199254740992e15")]
    [InlineData(9007199254740990.0, "9007199254740990.0")]
    [InlineData(9007199254741000.0, "9.007199254741e15")]
    [InlineData(9007199254740900.0, "9007199254740900.0")]
    [InlineData(5.0e-324, "5.0e-324")]
    [InlineData(2.0e-323, "2.0e-323")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e308")]
    public void Write_Float_IsShortestRoundTripInErlangLayout(double value, string expected) =>
        AssertWrites(expected, new FloatTerm(value));

    [Theory]
    [InlineData("a", "a")]
    [InlineData("a1_@Z", "a1_@Z")]
    [InlineData("", "''")]
    [InlineData("A", "'A'")]
    [InlineData("_x", "'_x'")]
    [InlineData("a b", "'a b'")]
    [InlineData("try", "'try'")]
    [InlineData("and", "'and'")]
    [InlineData("catch", "'catch'")]
    [InlineData("maybe", "maybe")]
    [InlineData("else", "else")]
    [InlineData("é", "é")]
    [InlineData("éa", "éa")]
    [InlineData("ß", "ß")]
    [InlineData("ÿ", "ÿ")]
    [InlineData("÷", "'÷'")]
    [InlineData("a÷", "'a÷'")]
    [InlineData("aÀ", "aÀ")]
    [InlineData("a×", "'a×'")]
    [InlineData("É", "'É'")]
    [InlineData("Ã©", "'Ã©'")]
    [InlineData("λ", "'\\x{3BB}'")]
    [InlineData("aλ", "'a\\x{3BB}'")]
    [InlineData("\U00010000", "'\\x{10000}'")]
    [InlineData("a\u200Bb", "'a\\x{200B}b'")]
    [InlineData("a\nb", "'a\\nb'")]
    [InlineData("a\\b", "'a\\\\b'")]
    [InlineData("a'b", "'a\\'b'")]
    [InlineData("a\"b", "'a\"b'")]
    [InlineData("a\tb", "'a\\tb'")]
    [InlineData("a\rb\fc\vd\be\u001Bf", "'a\\rb\\fc\\vd\\be\\ef'")]
    [InlineData("\0\u0001\u0007\b\u001B\u001F\u007F\u0080\u009F\u00A0\u00FF", "'\\000\\001\\007\\b\\e\\037\\d\\200\\237\u00A0ÿ'")]
    public void Write_Atom_QuotesAndEscapesAsIoLibWriteAtomAsLatin1(string name, string expected) =>
        AssertWrites(expected, new AtomTerm(name));

    [Fact]
    public void Write_Lists_AreListsOfIntegersEvenWhenPrintable()
    {
        AssertWrites("[]", NilTerm.Instance);
        AssertWrites("[97,98,99]", List(Int(97), Int(98), Int(99)));
        AssertWrites("[0,255,256,1000,1114111]", List(Int(0), Int(255), Int(256), Int(1000), Int(1114111)));
        AssertWrites("[[]]", List(NilTerm.Instance));
    }

    [Fact]
    public void Write_ImproperList_PutsBarBeforeTheTail()
    {
        AssertWrites("[1|2]", new ListTerm([Int(1)], Int(2)));
        AssertWrites("[a,b|c]", new ListTerm([Atom("a"), Atom("b")], Atom("c")));
        AssertWrites("[a|{b}]", new ListTerm([Atom("a")], new TupleTerm([Atom("b")])));
    }

    [Fact]
    public void Write_ListWithAListTail_ContinuesTheList()
    {
        // Built by hand as [1 | [2 | 3]]: the same term as [1,2|3].
        AssertWrites("[1,2|3]", new ListTerm([Int(1)], new ListTerm([Int(2)], Int(3))));
        AssertWrites("[1,2]", new ListTerm([Int(1)], List(Int(2))));
    }

    [Fact]
    public void Write_BinariesAndBitstrings_AreBytesThenValueColonBits()
    {
        AssertWrites("<<>>", BitStringTerm.Empty);
        AssertWrites("<<1,2,3>>", new BitStringTerm([1, 2, 3]));
        AssertWrites("<<97,98,99>>", new BitStringTerm("abc"u8.ToImmutableArray()));
        AssertWrites("<<1,2,3:4>>", new BitStringTerm([1, 2, 0x30], 4));
        AssertWrites("<<1:3>>", new BitStringTerm([0x20], 3));
        AssertWrites("<<255,0:1>>", new BitStringTerm([255, 0], 1));
        AssertWrites("<<0:7>>", new BitStringTerm([0], 7));
    }

    [Fact]
    public void Write_Tuples_AreCommaSeparated()
    {
        AssertWrites("{}", TupleTerm.Empty);
        AssertWrites("{a,{b,[]},1.0}", new TupleTerm([Atom("a"), new TupleTerm([Atom("b"), NilTerm.Instance]), new FloatTerm(1.0)]));
    }

    [Fact]
    public void Write_Map_IsKeyArrowValueInMapKeyOrder()
    {
        AssertWrites("#{}", MapTerm.Empty);
        var map = MapTerm.Create(
        [
            new(Atom("a"), Atom("f")), new(new FloatTerm(1.0), Atom("b")), new(Int(1), Atom("a")),
            new(new FloatTerm(0.5), Atom("c")), new(Int(2), Atom("d")), new(Int(-1), Atom("e")),
        ]);
        AssertWrites("#{-1 => e,1 => a,2 => d,0.5 => c,1.0 => b,a => f}", map);
        AssertWrites("#{k => #{}}", MapTerm.Create([new(Atom("k"), MapTerm.Empty)]));
    }

    [Fact]
    public void Write_MapOfMoreThan32Keys_StaysInKeyOrder()
    {
        // Deliberate difference: erl prints a map of more than 32 keys in its internal hash order
        // (#{16 => 16,18 => 18,5 => 5,...} for 1..33), which depends on erts' hash function. MapTerm has no such
        // order, so its key order is printed.
        var map = MapTerm.Create(Enumerable.Range(1, 33).Select(i => new KeyValuePair<Term, Term>(Int(i), Int(i))));
        Assert.StartsWith("#{1 => 1,2 => 2,3 => 3,", TermWriter.Write(map), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LocalIdentifiers_UseChannelZero()
    {
        var local = Atom("nonode@nohost");
        AssertWrites("<0.9.0>", new PidTerm(local, 9, 0, 0));
        AssertWrites("#Port<0.5>", new PortTerm(local, 5, 0));
        AssertWrites("#Ref<0.3999757801.593756161.49586>", new ReferenceTerm(local, 0, [49586, 593756161, 3999757801]));
    }

    [Fact]
    public void Write_LocalReferenceOfFewerThanThreeWords_IsPaddedAsErtsPadsIt()
    {
        var local = Atom("nonode@nohost");
        AssertWrites("#Ref<0.0.0.1>", new ReferenceTerm(local, 0, [1]));
        AssertWrites("#Ref<0.0.2.1>", new ReferenceTerm(local, 0, [1, 2]));
    }

    [Fact]
    public void Write_RemoteIdentifiers_ShowTheNodeNameWhereErlShowsAnAtomIndex()
    {
        // erl prints <8674.5.7> for this pid: 8674 is the index of 'foo@bar' in that VM's atom table, which
        // changes between runs and cannot be known from the term. The node name is written instead.
        var node = Atom("foo@bar");
        AssertWrites("<foo@bar.5.7>", new PidTerm(node, 5, 7, 9));
        AssertWrites("<'a b'.1.2>", new PidTerm(Atom("a b"), 1, 2, 0));
        AssertWrites("#Port<foo@bar.4294967298>", new PortTerm(node, 0x1_0000_0002, 9));
        AssertWrites("#Ref<foo@bar.5.4.3.2.1>", new ReferenceTerm(node, 9, [1, 2, 3, 4, 5]));
        AssertWrites("#Ref<foo@bar.1>", new ReferenceTerm(node, 9, [1]));
    }

    [Fact]
    public void Write_LocalFun_IsModuleOldIndexOldUniq()
    {
        // term_to_binary(fun(X) -> X + 1 end) in module g; erl prints #Fun<g.0.64559852>.
        byte[] bytes =
        [
            131, 112, 0, 0, 0, 69, 1, 123, 35, 93, 142, 23, 46, 153, 224, 128, 71, 26, 254, 192, 107, 185, 6, 0, 0, 0, 0, 0,
            0, 0, 0, 100, 0, 1, 103, 97, 0, 98, 3, 217, 26, 236, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110,
            111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        AssertWrites("#Fun<g.0.64559852>", TermReader.Decode(bytes));
    }

    [Fact]
    public void Write_LocalFunOfUnicodeModule_PrintsTheModuleAsRawUtf8Bytes()
    {
        // The same fun with module 'λ' (bytes CE BB): erl prints #Fun<Î».0.64559852>.
        AssertWrites("#Fun<\u00CE\u00BB.0.64559852>", Fun("λ", Int(0), Int(64559852)));
    }

    [Theory]
    [InlineData("lists", "map", "fun lists:map/2")]
    [InlineData("Foo", "bar baz", "fun 'Foo':'bar baz'/2")]
    [InlineData("try", "and", "fun try:and/2")]
    [InlineData("a@b", "", "fun 'a@b':''/2")]
    [InlineData("a'\\\n", "a\rb\fc\vd\be", "fun 'a\\'\\\\\\n':'a\\rb\\fc\\vd\\be'/2")]
    [InlineData("é", "ß", "fun \u00C3\u00A9:\u00C3\u009F/2")]
    [InlineData("É", "a\u0085", "fun '\u00C3\u0089':'a\\205'/2")]
    [InlineData("λ", "a\u200B", "fun '\u00CE\u00BB':'a\u00E2\u0080\u008B'/2")]
    [InlineData("\0\u0001\u0007\b\u001B\u007F\u0080\u009F\u00A0\u00FF", "a",
        "fun '\\000\\001\\007\\b\\033\u007F\\200\\237\u00C2\u00A0\u00C3\u00BF':a/2")]
    public void Write_ExternalFun_QuotesAtomsAsTheRuntimePrinterDoes(string module, string function, string expected) =>
        AssertWrites(expected, new ExportTerm(Atom(module), Atom(function), Int(2)));

    [Fact]
    public void Write_NestedToMaxDepth_PrintsEveryLevel()
    {
        int n = TermReaderOptions.Default.MaxDepth - 1;
        var term = TermReader.Decode(TermReaderTests.DeepTuples(n));
        string text = TermWriter.Write(term);
        Assert.Equal(new string('{', n) + "leaf" + new string('}', n), text);
    }

    [Fact]
    public void Write_HandBuiltTermFarDeeperThanMaxDepth_DoesNotOverflowTheStack()
    {
        // The writer keeps its own stack, so a term built in code (no reader limit) prints at any depth.
        Term term = NilTerm.Instance;
        const int depth = 200_000;
        for (int i = 0; i < depth; i++)
        {
            term = i % 2 == 0 ? List(term) : MapTerm.Create([new(Atom("k"), term)]);
        }

        string text = TermWriter.Write(term);
        Assert.Equal("[]".Length + (depth / 2 * "[]".Length) + (depth / 2 * "#{k => }".Length), text.Length);
        Assert.StartsWith("#{k => [#{k => [", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IntoStringBuilder_Appends()
    {
        var sb = new StringBuilder("x=");
        TermWriter.Write(sb, new TupleTerm([Int(1), Atom("A")]));
        Assert.Equal("x={1,'A'}", sb.ToString());
    }

    [Fact]
    public void ToString_IsTheWrittenForm() =>
        Assert.Equal("[a,{1,<<2>>}|'B']", new ListTerm([Atom("a"), new TupleTerm([Int(1), new BitStringTerm([2])])], Atom("B")).ToString());

    private static void AssertWrites(string expected, Term term) => Assert.Equal(expected, TermWriter.Write(term));

    private static IntegerTerm Int(long v) => IntegerTerm.Create(v);

    private static AtomTerm Atom(string name) => new(name);

    private static ListTerm List(params Term[] items) => new([.. items], NilTerm.Instance);

    private static FunTerm Fun(string module, Term oldIndex, Term oldUniq) =>
        new(1, [.. new byte[16]], 0, Atom(module), oldIndex, oldUniq, new PidTerm(Atom("nonode@nohost"), 9, 0, 0), []);
}
