using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.Corpora;

/// <summary>Where two terms first differ, as a short path and the two sub-terms' ~w text (for failure messages).</summary>
public static class TermDifference
{
    public static string First(Term expected, Term actual)
    {
        var (path, e, a) = Walk(expected, actual, "");
        return $"at {(path.Length == 0 ? "the top" : path)}: expected {Cut(e)}, got {Cut(a)}";
    }

    private static (string Path, Term Expected, Term Actual) Walk(Term e, Term a, string path)
    {
        switch (e, a)
        {
            case (TupleTerm te, TupleTerm ta) when te.Arity == ta.Arity:
                for (int i = 0; i < te.Arity; i++)
                {
                    if (!te[i].Equals(ta[i]))
                    {
                        return Walk(te[i], ta[i], path + "/" + (i + 1));
                    }
                }

                break;
            case (ListTerm le, ListTerm la) when le.Elements.Length == la.Elements.Length:
                for (int i = 0; i < le.Elements.Length; i++)
                {
                    if (!le.Elements[i].Equals(la.Elements[i]))
                    {
                        return Walk(le.Elements[i], la.Elements[i], path + "[" + i + "]");
                    }
                }

                return Walk(le.Tail, la.Tail, path + "|tail");
        }

        return (path, e, a);
    }

    private static string Cut(Term t)
    {
        string s = t.ToString();
        return s.Length <= 300 ? s : s[..300] + "...";
    }
}
