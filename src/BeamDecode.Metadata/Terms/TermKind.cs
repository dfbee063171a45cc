namespace BeamDecode.Metadata.Terms;

/// <summary>The kinds of term, in Erlang's term order where that is defined per kind
/// (number &lt; atom &lt; reference &lt; fun &lt; port &lt; pid &lt; tuple &lt; map &lt; nil &lt; list &lt; bitstring).</summary>
public enum TermKind
{
    Integer,
    Float,
    Atom,
    Reference,
    Fun,
    Export,
    Port,
    Pid,
    Tuple,
    Map,
    Nil,
    List,
    BitString,
}
