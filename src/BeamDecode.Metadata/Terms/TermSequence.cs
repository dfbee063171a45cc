using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>Element-wise equality and hashing shared by tuples and lists.</summary>
internal static class TermSequence
{
    public static bool Equal(ImmutableArray<Term> a, ImmutableArray<Term> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static int Hash(ImmutableArray<Term> items, int seed)
    {
        var h = new HashCode();
        h.Add(seed);
        h.Add(items.Length);
        // Bounded: hashing a huge literal list fully would be quadratic in nested use.
        int n = Math.Min(items.Length, 16);
        for (int i = 0; i < n; i++)
        {
            h.Add(items[i].GetHashCode());
        }

        return h.ToHashCode();
    }
}
