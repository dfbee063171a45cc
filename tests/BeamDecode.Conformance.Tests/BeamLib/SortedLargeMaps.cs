using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.BeamLib;

/// <summary>
/// The same rewrite term_chunks_truth.escript applies before printing: a map of more than 32 keys becomes
/// <c>{'$sorted_map', [{K, V}...]}</c> in map-key order. io_lib prints such maps in the internal hash order of
/// the running emulator, which OTP does not define; beamdecode prints every map in key order.
/// </summary>
public static class SortedLargeMaps
{
    private static readonly AtomTerm Marker = new("$sorted_map");

    public static Term Normalize(Term term) => term switch
    {
        MapTerm m when m.Count > 32 => new TupleTerm([Marker, List(m.Pairs.Select(p => (Term)new TupleTerm([Normalize(p.Key), Normalize(p.Value)])))]),
        MapTerm m => MapTerm.Create(m.Pairs.Select(p => new KeyValuePair<Term, Term>(Normalize(p.Key), Normalize(p.Value)))),
        ListTerm l => new ListTerm([.. l.Elements.Select(Normalize)], Normalize(l.Tail)),
        TupleTerm t => new TupleTerm([.. t.Elements.Select(Normalize)]),
        _ => term,
    };

    private static Term List(IEnumerable<Term> items)
    {
        var array = items.ToImmutableArray();
        return array.IsEmpty ? NilTerm.Instance : new ListTerm(array, NilTerm.Instance);
    }
}
