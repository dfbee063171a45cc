using System.Collections.Immutable;
using System.Numerics;
using BeamDecode.Metadata.Terms;
using CsCheck;

namespace BeamDecode.Fuzz.Tests.Properties;

/// <summary>CsCheck generators of Erlang terms of every kind the external term format carries.</summary>
public static class TermGen
{
    private static readonly Gen<AtomTerm> Atom = Gen.OneOf(
        Gen.OneOf<string>("ok", "error", "true", "undefined", "", "B c", "ünïcödé", "日本", "a'b", "\\"),
        Gen.String[Gen.Char['a', 'z'], 1, 12],
        Gen.String[Gen.Char[(char)0x20, (char)0x2FF], 0, 20]).Select(s => new AtomTerm(s));

    private static readonly Gen<Term> Integer = Gen.OneOf(
        Gen.Int[0, 255].Select(i => (BigInteger)i),
        Gen.Int.Select(i => (BigInteger)i),
        Gen.Long.Select(l => (BigInteger)l),
        Gen.Byte.Array[1, 40].Select(b => new BigInteger(b, isUnsigned: true) * (b[0] % 2 == 0 ? 1 : -1)))
        .Select(v => (Term)IntegerTerm.Create(v));

    private static readonly Gen<Term> Float = Gen.Double.Where(double.IsFinite).Select(d => (Term)new FloatTerm(d));

    private static readonly Gen<Term> Bits = Gen.Select(Gen.Byte.Array[0, 40], Gen.Int[1, 8], (bytes, bits) =>
        bytes.Length == 0
            ? (Term)BitStringTerm.Empty
            // Bits past the last valid bit are zero in a term_to_binary encoding (the decoder keeps what it reads).
            : new BitStringTerm([.. bytes[..^1], (byte)(bytes[^1] & (0xFF << (8 - bits)))], bits));

    private static readonly Gen<Term> Pid = Gen.Select(Atom, Gen.UInt, Gen.UInt, Gen.UInt, (n, a, b, c) => (Term)new PidTerm(n, a, b, c));

    private static readonly Gen<Term> Port = Gen.Select(Atom, Gen.ULong, Gen.UInt, (n, id, c) => (Term)new PortTerm(n, id, c));

    private static readonly Gen<Term> Reference = Gen.Select(Atom, Gen.UInt, Gen.UInt.Array[1, 5],
        (n, c, ids) => (Term)new ReferenceTerm(n, c, [.. ids]));

    private static readonly Gen<Term> Export = Gen.Select(Atom, Atom, Gen.Int[0, 255],
        (m, f, a) => (Term)new ExportTerm(m, f, IntegerTerm.Create(a)));

    private static readonly Gen<Term> Leaf = Gen.Frequency(
        (4, Integer), (4, Atom.Select(a => (Term)a)), (2, Float), (2, Bits), (1, Gen.Const((Term)NilTerm.Instance)),
        (1, Pid), (1, Port), (1, Reference), (1, Export));

    /// <summary>Any term, nested a few levels deep (tuples, proper and improper lists, strings, maps, funs).</summary>
    public static readonly Gen<Term> Term = Gen.Recursive<Term>((depth, inner) =>
    {
        if (depth >= 4)
        {
            return Leaf;
        }

        var tuple = inner.Array[0, 6].Select(es => (Term)new TupleTerm([.. es]));
        // An improper tail is never a list: [a | [b]] is [a, b], which decodes flattened.
        var list = Gen.Select(inner.Array[1, 6], Gen.Frequency((4, Gen.Const((Term)NilTerm.Instance)), (1, inner.Where(t => t is not ListTerm))),
            (es, tail) => (Term)new ListTerm([.. es], tail));
        var text = Gen.Byte.Array[1, 30].Select(bs => (Term)new ListTerm([.. bs.Select(b => (Term)IntegerTerm.Create(b))], NilTerm.Instance));
        var map = Gen.Select(inner, inner).Array[0, 6].Select(kvs =>
            (Term)MapTerm.Create(kvs.Select(kv => KeyValuePair.Create(kv.Item1, kv.Item2))));
        var fun = Gen.Select(Gen.Int[0, 255], Gen.Byte.Array[16], Gen.UInt, Atom, inner.Array[0, 3], Pid,
            (arity, uniq, index, module, free, pid) => (Term)new FunTerm(
                arity, [.. uniq], index, module, IntegerTerm.Create(index % 1000), IntegerTerm.Create(uniq[0]), pid, [.. free]));
        return Gen.Frequency((6, Leaf), (3, tuple), (3, list), (1, text), (2, map), (1, fun));
    });
}
