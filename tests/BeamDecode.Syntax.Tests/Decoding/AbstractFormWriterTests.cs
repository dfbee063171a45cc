using System.Collections.Immutable;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Syntax.Tests.Decoding;

/// <summary>Shapes the OTP corpora rarely or never contain, read and written back to the same term.</summary>
public sealed class AbstractFormWriterTests
{
    private static readonly AtomTerm A = new("attribute");

    private static TupleTerm T(params Term[] items) => new([.. items]);

    private static Term L(params Term[] items) => items.Length == 0 ? NilTerm.Instance : new ListTerm([.. items], NilTerm.Instance);

    private static Term I(long v) => IntegerTerm.Create(v);

    private static Term S(string s) => L([.. s.Select(c => I(c))]);

    private static Term RoundTrip(Term form) => AbstractFormWriter.Default.WriteForm(new AbstractFormReader().ReadForm(form));

    [Fact]
    public void AnnoList_KeepsItsItemsInTheirOrder()
    {
        var anno = L(T(new AtomTerm("file"), S("x.hrl")), T(new AtomTerm("generated"), AtomTerm.True), T(new AtomTerm("location"), T(I(3), I(7))));
        var form = T(new AtomTerm("function"), anno, new AtomTerm("f"), I(0),
            L(T(new AtomTerm("clause"), L(T(new AtomTerm("location"), I(4)), T(new AtomTerm("text"), S("f"))), NilTerm.Instance, NilTerm.Instance,
                L(T(new AtomTerm("atom"), T(I(4), I(1)), new AtomTerm("ok"))))));
        Assert.Equal(form.ToString(), RoundTrip(form).ToString());
        Assert.Equal(form, RoundTrip(form));
    }

    [Theory]
    [InlineData("bits")]
    [InlineData("improper")]
    [InlineData("mixed")]
    public void AttributeValue_IsWrittenBackAsTheSameTerm(string shape)
    {
        Term value = shape switch
        {
            "bits" => T(new BitStringTerm(ImmutableArray.Create<byte>(1, 0xA0), 3), new BitStringTerm(ImmutableArray.Create((byte)'a', (byte)'b'))),
            "improper" => new ListTerm([I(1), S("x")], new AtomTerm("t")),
            _ => L(I(-5), new FloatTerm(-1.5), S("text"), L(I(1), I(2)), NilTerm.Instance,
                MapTerm.Create([new(new AtomTerm("k"), L(I(0)))]), BitStringTerm.Empty),
        };
        var form = T(A, I(2), new AtomTerm("custom"), value);
        Assert.Equal(form.ToString(), RoundTrip(form).ToString());
    }
}
