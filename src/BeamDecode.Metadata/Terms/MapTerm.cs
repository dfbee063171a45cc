using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// A map (MAP_EXT). Pairs are kept sorted in Erlang's map-key order (<see cref="TermComparer.MapKeyOrder"/>),
/// so equal maps have equal pair sequences whatever order the bytes listed them in.
/// </summary>
public sealed class MapTerm : Term
{
    public static readonly MapTerm Empty = new(ImmutableArray<KeyValuePair<Term, Term>>.Empty);

    private MapTerm(ImmutableArray<KeyValuePair<Term, Term>> pairs)
    {
        Pairs = pairs;
    }

    /// <summary>Pairs sorted by key in map-key order; keys unique.</summary>
    public ImmutableArray<KeyValuePair<Term, Term>> Pairs { get; }

    public int Count => Pairs.Length;

    public override TermKind Kind => TermKind.Map;

    /// <summary>Builds a map; a later duplicate key replaces an earlier one (as maps:from_list/1).</summary>
    public static MapTerm Create(IEnumerable<KeyValuePair<Term, Term>> pairs)
    {
        var list = new List<KeyValuePair<Term, Term>>(pairs);
        // Stable sort so that, among duplicate keys, the later one can be kept.
        var indexed = new (KeyValuePair<Term, Term> Pair, int Index)[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            indexed[i] = (list[i], i);
        }

        Array.Sort(indexed, static (a, b) =>
        {
            int c = TermComparer.MapKeyOrder.Compare(a.Pair.Key, b.Pair.Key);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<Term, Term>>(indexed.Length);
        for (int i = 0; i < indexed.Length; i++)
        {
            if (i + 1 < indexed.Length && indexed[i + 1].Pair.Key.Equals(indexed[i].Pair.Key))
            {
                continue;
            }

            builder.Add(indexed[i].Pair);
        }

        return new MapTerm(builder.ToImmutable());
    }

    public bool TryGetValue(Term key, out Term value)
    {
        foreach (var pair in Pairs)
        {
            if (pair.Key.Equals(key))
            {
                value = pair.Value;
                return true;
            }
        }

        value = NilTerm.Instance;
        return false;
    }

    public override bool Equals(Term? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not MapTerm m || m.Pairs.Length != Pairs.Length)
        {
            return false;
        }

        for (int i = 0; i < Pairs.Length; i++)
        {
            if (!Pairs[i].Key.Equals(m.Pairs[i].Key) || !Pairs[i].Value.Equals(m.Pairs[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var pair in Pairs)
        {
            h.Add(pair.Key);
            h.Add(pair.Value);
        }

        return h.ToHashCode();
    }
}
