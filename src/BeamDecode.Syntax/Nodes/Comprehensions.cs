namespace BeamDecode.Syntax.Nodes;

// Comprehensions and their qualifiers (absform "Expressions", "Qualifiers"); a family of small records.

/// <summary><c>{lc,A,Template,Qualifiers}</c>: <c>[T || Q]</c>.</summary>
public sealed record ListComprehension(Expr Template, SyntaxList<Qualifier> Qualifiers) : Expr;

/// <summary><c>{bc,A,Template,Qualifiers}</c>: <c>&lt;&lt;T || Q&gt;&gt;</c>.</summary>
public sealed record BinaryComprehension(Expr Template, SyntaxList<Qualifier> Qualifiers) : Expr;

/// <summary><c>{mc,A,{map_field_assoc,_,K,V},Qualifiers}</c>: <c>#{K =&gt; V || Q}</c> (OTP 26+).</summary>
public sealed record MapComprehension(MapAssoc Template, SyntaxList<Qualifier> Qualifiers) : Expr;

/// <summary>A qualifier: a generator or a filter.</summary>
public abstract record Qualifier : SyntaxNode;

/// <summary>What a generator walks.</summary>
public enum GeneratorKind
{
    /// <summary><c>P &lt;- E</c> (<c>generate</c>), strict <c>P &lt;:- E</c> (<c>generate_strict</c>, OTP 28).</summary>
    List,
    /// <summary><c>P &lt;= E</c> (<c>b_generate</c>), strict <c>P &lt;:= E</c> (<c>b_generate_strict</c>).</summary>
    Binary,
    /// <summary><c>K := V &lt;- E</c> (<c>m_generate</c>, OTP 26), strict <c>&lt;:-</c> (<c>m_generate_strict</c>).</summary>
    Map,
}

/// <summary>A generator. For a map generator, Pattern is a <see cref="MapGeneratorPattern"/>.</summary>
public sealed record Generator(GeneratorKind Kind, bool Strict, Expr Pattern, Expr Source) : Qualifier;

/// <summary>The <c>{map_field_exact,A,K,V}</c> pattern of a map generator: <c>K := V</c>.</summary>
public sealed record MapGeneratorPattern(Expr Key, Expr Value) : Expr;

/// <summary><c>{zip,A,Generators}</c>: generators joined by <c>&amp;&amp;</c> (OTP 28).</summary>
public sealed record ZipGenerator(SyntaxList<Generator> Generators) : Qualifier;

/// <summary>A filter: any expression (a guard test or a boolean expression).</summary>
public sealed record Filter(Expr Test) : Qualifier;
