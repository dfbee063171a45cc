using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The attribute list as <c>beam_lib:chunks(F, [attributes])</c> returns it (beam_lib.erl attributes/1):
/// sorted by key (lists:keysort, stable), and the values of repeated keys appended into one list.
/// </summary>
public static class AttributeList
{
    public static Term Merge(Term attr)
    {
        if (attr is not ListTerm { IsProper: true } list)
        {
            return attr;
        }

        var items = new List<(Term Key, Term Value, int Index)>(list.Elements.Length);
        for (int i = 0; i < list.Elements.Length; i++)
        {
            if (list.Elements[i] is not TupleTerm { Arity: 2 } t)
            {
                // Not the shape the compiler writes; beam_lib would crash, we report it as it is.
                return attr;
            }

            items.Add((t[0], t[1], i));
        }

        items.Sort(static (a, b) =>
        {
            int c = TermComparer.Standard.Compare(a.Key, b.Key);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });

        var merged = ImmutableArray.CreateBuilder<Term>();
        int k = 0;
        while (k < items.Count)
        {
            var key = items[k].Key;
            var values = new List<Term>();
            Term tail = NilTerm.Instance;
            // Values are appended with lists:append; a non-list value ends up as an improper tail.
            int j = k;
            while (j < items.Count && items[j].Key.Equals(key))
            {
                switch (items[j].Value)
                {
                    case ListTerm l:
                        values.AddRange(l.Elements);
                        tail = l.Tail;
                        break;
                    case NilTerm:
                        break;
                    default:
                        tail = items[j].Value;
                        break;
                }

                j++;
            }

            Term value = values.Count == 0 ? tail : new ListTerm([.. values], tail);
            merged.Add(new TupleTerm([key, value]));
            k = j;
        }

        return merged.Count == 0 ? NilTerm.Instance : new ListTerm(merged.ToImmutable(), NilTerm.Instance);
    }
}
