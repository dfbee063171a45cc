using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Decompiler.AbstractCode;

/// <summary>Small pattern helpers over terms, so the reader reads like the absform tables it follows.</summary>
internal static class TermShapes
{
    /// <summary>A tuple whose first element is the atom <paramref name="tag"/>, of the given arity.</summary>
    public static bool IsTagged(Term t, string tag, int arity) =>
        t is TupleTerm tt && tt.Arity == arity && tt[0] is AtomTerm a && a.Name == tag;

    public static string? Tag(Term t) => t is TupleTerm { Arity: > 0 } tt && tt[0] is AtomTerm a ? a.Name : null;

    public static string? AtomName(Term t) => t is AtomTerm a ? a.Name : null;

    public static int? SmallInt(Term t) => t is IntegerTerm i && i.TryGetInt64(out long v) && v is >= int.MinValue and <= int.MaxValue ? (int)v : null;

    /// <summary>The elements of a proper list ([] included), or null for anything else.</summary>
    public static ImmutableArray<Term>? ProperList(Term t) => t switch
    {
        NilTerm => ImmutableArray<Term>.Empty,
        ListTerm { IsProper: true } l => l.Elements,
        _ => null,
    };

    /// <summary>A proper list of integers as a string of code points, or null.</summary>
    public static List<int>? CharList(Term t)
    {
        if (ProperList(t) is not { } items)
        {
            return null;
        }

        var chars = new List<int>(items.Length);
        foreach (var item in items)
        {
            if (SmallInt(item) is not { } c || c < 0)
            {
                return null;
            }

            chars.Add(c);
        }

        return chars;
    }
}
