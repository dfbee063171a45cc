using System.Numerics;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Erlang's term order (erts_cmp in erts/emulator/beam/utils.c). <see cref="Standard"/> is the order of
/// <c>&lt;</c> and <c>lists:sort/1</c>, where 1 == 1.0; <see cref="MapKeyOrder"/> is the exact order maps
/// keep their keys in, where every integer sorts before every float.
/// </summary>
public sealed class TermComparer : IComparer<Term>
{
    public static readonly TermComparer Standard = new(exact: false);
    public static readonly TermComparer MapKeyOrder = new(exact: true);

    private readonly bool _exact;

    private TermComparer(bool exact) => _exact = exact;

    public int Compare(Term? x, Term? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int rx = Rank(x.Kind), ry = Rank(y.Kind);
        if (rx != ry)
        {
            return rx.CompareTo(ry);
        }

        switch (x, y)
        {
            case (IntegerTerm a, IntegerTerm b):
                return a.Value.CompareTo(b.Value);
            case (FloatTerm a, FloatTerm b):
                return a.Value.CompareTo(b.Value);
            case (IntegerTerm a, FloatTerm b):
                return _exact ? -1 : CompareMixed(a.Value, b.Value);
            case (FloatTerm a, IntegerTerm b):
                return _exact ? 1 : -CompareMixed(b.Value, a.Value);
            case (AtomTerm a, AtomTerm b):
                return CompareAtoms(a, b);
            case (TupleTerm a, TupleTerm b):
                return a.Arity != b.Arity ? a.Arity.CompareTo(b.Arity) : CompareSequence(a.Elements.AsSpan(), b.Elements.AsSpan());
            case (MapTerm a, MapTerm b):
                return CompareMaps(a, b);
            case (ListTerm a, ListTerm b):
                return CompareLists(a, b);
            case (BitStringTerm a, BitStringTerm b):
                return CompareBits(a, b);
            case (PidTerm a, PidTerm b):
                return ComparePids(a, b);
            case (PortTerm a, PortTerm b):
                return ComparePorts(a, b);
            case (ReferenceTerm a, ReferenceTerm b):
                return CompareRefs(a, b);
            case (ExportTerm a, ExportTerm b):
                return CompareSequence([a.Module, a.Function, a.Arity], [b.Module, b.Function, b.Arity]);
            case (FunTerm a, FunTerm b):
                return CompareFuns(a, b);
            default:
                // Nil vs nil, or a local fun against an external one: a local fun sorts first (erts_cmp).
                return x.Kind.CompareTo(y.Kind);
        }
    }

    /// <summary>number &lt; atom &lt; reference &lt; fun &lt; port &lt; pid &lt; tuple &lt; map &lt; nil &lt; list &lt; bitstring.</summary>
    private static int Rank(TermKind kind) => kind switch
    {
        TermKind.Integer or TermKind.Float => 0,
        TermKind.Atom => 1,
        TermKind.Reference => 2,
        TermKind.Fun or TermKind.Export => 3,
        TermKind.Port => 4,
        TermKind.Pid => 5,
        TermKind.Tuple => 6,
        TermKind.Map => 7,
        TermKind.Nil => 8,
        TermKind.List => 9,
        _ => 10,
    };

    private static int CompareMixed(BigInteger i, double f)
    {
        // Compare exactly: a double is a rational; compare against the integer without rounding the integer.
        if (double.IsNaN(f))
        {
            return -1;
        }

        double floor = Math.Floor(f);
        var fi = new BigInteger(floor);
        int c = i.CompareTo(fi);
        if (c != 0)
        {
            return c;
        }

        return floor == f ? 0 : -1;
    }

    /// <summary>Atoms compare by their text as UTF-8 bytes (erts compares the stored UTF-8 bytes).</summary>
    private static int CompareAtoms(AtomTerm a, AtomTerm b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        // For code points below U+10000 that are not surrogates, ordinal UTF-16 order equals UTF-8 byte order;
        // compare code points to stay right for supplementary characters too.
        string s = a.Name, t = b.Name;
        int i = 0, j = 0;
        while (i < s.Length && j < t.Length)
        {
            int cs = char.ConvertToUtf32OrSelf(s, ref i);
            int ct = char.ConvertToUtf32OrSelf(t, ref j);
            if (cs != ct)
            {
                return cs.CompareTo(ct);
            }
        }

        return (s.Length - i).CompareTo(t.Length - j) == 0 ? 0 : (i < s.Length ? 1 : -1);
    }

    private int CompareSequence(ReadOnlySpan<Term> a, ReadOnlySpan<Term> b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int k = 0; k < n; k++)
        {
            int c = Compare(a[k], b[k]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private int CompareLists(ListTerm a, ListTerm b)
    {
        // Cell by cell, as erts walks conses, without copying: a hand-built list whose tail is a ListTerm continues
        // into it, and when one side runs out its tail is compared with what is left of the other.
        int i = 0, j = 0;
        while (true)
        {
            if (i < a.Elements.Length && j < b.Elements.Length)
            {
                int c = Compare(a.Elements[i++], b.Elements[j++]);
                if (c != 0)
                {
                    return c;
                }
            }
            else if (i == a.Elements.Length && a.Tail is ListTerm moreA)
            {
                (a, i) = (moreA, 0);
            }
            else if (j == b.Elements.Length && b.Tail is ListTerm moreB)
            {
                (b, j) = (moreB, 0);
            }
            else
            {
                // A side that still has cells is a list; the other side's tail is not, so their ranks decide.
                Term restA = i < a.Elements.Length ? a : a.Tail;
                Term restB = j < b.Elements.Length ? b : b.Tail;
                return Compare(restA, restB);
            }
        }
    }

    private int CompareMaps(MapTerm a, MapTerm b)
    {
        // Maps: by size, then keys in map-key order, then values in key order.
        if (a.Count != b.Count)
        {
            return a.Count.CompareTo(b.Count);
        }

        for (int k = 0; k < a.Count; k++)
        {
            int c = MapKeyOrder.Compare(a.Pairs[k].Key, b.Pairs[k].Key);
            if (c != 0)
            {
                return c;
            }
        }

        for (int k = 0; k < a.Count; k++)
        {
            int c = Compare(a.Pairs[k].Value, b.Pairs[k].Value);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int CompareBits(BitStringTerm a, BitStringTerm b)
    {
        // Bitwise, first difference decides; a prefix sorts first.
        long bits = Math.Min(a.BitSize, b.BitSize);
        int fullBytes = (int)(bits / 8);
        int c = a.Bytes.AsSpan(0, fullBytes).SequenceCompareTo(b.Bytes.AsSpan(0, fullBytes));
        if (c != 0)
        {
            return Math.Sign(c);
        }

        int rest = (int)(bits % 8);
        if (rest > 0)
        {
            int mask = 0xFF << (8 - rest) & 0xFF;
            int x = a.Bytes[fullBytes] & mask, y = b.Bytes[fullBytes] & mask;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return a.BitSize.CompareTo(b.BitSize);
    }

    /// <summary>
    /// Pids (erts_cmp, pid_common): the pid data first, that is the serial and then the number, and only then
    /// the node, by name and creation (CMP_NODES). So &lt;0.5.1&gt; sorts after &lt;b@h.9.0&gt;.
    /// </summary>
    private static int ComparePids(PidTerm a, PidTerm b)
    {
        int c = a.Serial.CompareTo(b.Serial);
        if (c == 0)
        {
            c = a.Id.CompareTo(b.Id);
        }

        return c != 0 ? c : CompareNodes(a.Node, a.Creation, b.Node, b.Creation);
    }

    /// <summary>Ports (erts_cmp, port_common): the node first (CMP_NODES: name, then creation), then the number.</summary>
    private static int ComparePorts(PortTerm a, PortTerm b)
    {
        int c = CompareNodes(a.Node, a.Creation, b.Node, b.Creation);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    /// <summary>CMP_NODES in erts_cmp: node name, then creation (two node entries differ in one of them).</summary>
    private static int CompareNodes(AtomTerm na, uint ca, AtomTerm nb, uint cb)
    {
        int c = CompareAtoms(na, nb);
        return c != 0 ? c : ca.CompareTo(cb);
    }

    /// <summary>
    /// Local funs (erts_cmp, FUN_DEF): module name, index, old uniq (signed), number of free variables, then the
    /// free variables in order. The 16-byte MD5 uniq, the old index and the arity take no part: in erl (OTP 25) two
    /// funs differing only in MD5 compare equal, and (index 1, old index 5) sorts before (index 2, old index 3).
    /// </summary>
    private int CompareFuns(FunTerm a, FunTerm b)
    {
        int c = CompareAtoms(a.Module, b.Module);
        if (c == 0)
        {
            c = a.Index.CompareTo(b.Index);
        }

        if (c == 0)
        {
            c = Compare(a.OldUniq, b.OldUniq);
        }

        if (c == 0)
        {
            c = a.FreeVars.Length.CompareTo(b.FreeVars.Length);
        }

        return c != 0 ? c : CompareSequence(a.FreeVars.AsSpan(), b.FreeVars.AsSpan());
    }

    /// <summary>
    /// References (erts_cmp, ref_common): the node (name, then creation), then the id words from the most
    /// significant (last encoded) down, a shorter reference counting as padded with zero words. So a local
    /// reference decoded from one word equals the three-word one erts makes of it.
    /// </summary>
    private static int CompareRefs(ReferenceTerm a, ReferenceTerm b)
    {
        int c = CompareNodes(a.Node, a.Creation, b.Node, b.Creation);
        if (c != 0)
        {
            return c;
        }

        var x = a.Ids.AsSpan();
        var y = b.Ids.AsSpan();
        for (int k = Math.Max(x.Length, y.Length) - 1; k >= 0; k--)
        {
            uint wx = k < x.Length ? x[k] : 0;
            uint wy = k < y.Length ? y[k] : 0;
            if (wx != wy)
            {
                return wx.CompareTo(wy);
            }
        }

        return 0;
    }
}
