namespace BeamDecode.Syntax.Nodes;

// Types (absform "Types"); a family of small records.

/// <summary>A type, in a type/opaque/spec/callback attribute or a typed record field.</summary>
public abstract record TypeNode : SyntaxNode;

/// <summary>An atom, integer or char singleton, or an integer operator expression (<c>{op,A,Op,...}</c>):
/// absform reads these as expressions, and erl_pp prints them with lexpr.</summary>
public sealed record SingletonType(Expr Value) : TypeNode;

/// <summary><c>{var,A,Name}</c>, <c>_</c> included.</summary>
public sealed record TypeVar(string Name) : TypeNode;

/// <summary><c>{ann_type,A,[Var,Type]}</c>: <c>Name :: T</c>.</summary>
public sealed record AnnotatedType(TypeVar Var, TypeNode Type) : TypeNode;

/// <summary><c>{type,A,Name,Args}</c> for a predefined type not listed below (<c>integer()</c>, <c>list(T)</c>, ...).</summary>
public sealed record BuiltinType(string Name, SyntaxList<TypeNode> Arguments) : TypeNode;

/// <summary><c>{user_type,A,Name,Args}</c>.</summary>
public sealed record UserType(string Name, SyntaxList<TypeNode> Arguments) : TypeNode;

/// <summary><c>{remote_type,A,[M,N,Args]}</c>: <c>m:t(...)</c>.</summary>
public sealed record RemoteType(string Module, string Name, SyntaxList<TypeNode> Arguments) : TypeNode
{
    /// <summary>The module atom's annotation (<c>{atom,A,Module}</c>); null: the node's.</summary>
    public SubAnno ModuleAnno { get; init; }

    /// <summary>The type name atom's annotation (<c>{atom,A,Name}</c>); null: the node's.</summary>
    public SubAnno NameAnno { get; init; }
}

/// <summary><c>{type,A,tuple,any}</c> (Elements null) or <c>{type,A,tuple,Ts}</c>.</summary>
public sealed record TupleType(SyntaxList<TypeNode>? Elements) : TypeNode;

/// <summary><c>{type,A,map,any}</c> (Associations null) or <c>{type,A,map,Assocs}</c>.</summary>
public sealed record MapType(SyntaxList<MapFieldType>? Associations) : TypeNode;

/// <summary><c>{type,A,map_field_assoc,[K,V]}</c> or <c>{type,A,map_field_exact,[K,V]}</c>.</summary>
public sealed record MapFieldType(bool Exact, TypeNode Key, TypeNode Value) : SyntaxNode;

/// <summary><c>{type,A,union,Ts}</c>.</summary>
public sealed record UnionType(SyntaxList<TypeNode> Alternatives) : TypeNode;

/// <summary><c>{type,A,range,[Low,High]}</c>.</summary>
public sealed record RangeType(TypeNode Low, TypeNode High) : TypeNode;

/// <summary><c>{type,A,binary,[M,N]}</c>: <c>&lt;&lt;_:M, _:_*N&gt;&gt;</c>.</summary>
public sealed record BitStringType(TypeNode Size, TypeNode Unit) : TypeNode;

/// <summary><c>{type,A,nil,[]}</c>: <c>[]</c>.</summary>
public sealed record NilType : TypeNode;

/// <summary>
/// <c>{type,A,'fun',[]}</c> (<c>fun()</c>: both null), <c>{type,A,'fun',[{type,A,any},T]}</c> (<c>fun((...) -&gt; T)</c>:
/// Parameters null) or <c>{type,A,'fun',[{type,A,product,Ts},T]}</c>.
/// </summary>
public sealed record FunType(SyntaxList<TypeNode>? Parameters, TypeNode? Result) : TypeNode
{
    /// <summary>The annotation of the <c>{type,A,product,Params}</c> or <c>{type,A,any}</c> term; null: the node's.</summary>
    public SubAnno ParametersAnno { get; init; }
}

/// <summary><c>{type,A,bounded_fun,[Fun,Constraints]}</c>: <c>(...) -&gt; T when C</c>.</summary>
public sealed record BoundedFunType(FunType Function, SyntaxList<TypeConstraint> Constraints) : TypeNode;

/// <summary><c>{type,A,constraint,[{atom,A,is_subtype},[V,T]]}</c>: <c>V :: T</c>.</summary>
public sealed record TypeConstraint(string Name, SyntaxList<TypeNode> Arguments) : SyntaxNode
{
    /// <summary>The constraint name atom's annotation (<c>{atom,A,is_subtype}</c>); null: the node's.</summary>
    public SubAnno NameAnno { get; init; }
}

/// <summary><c>{type,A,record,[Name|Fields]}</c>: <c>#r{f :: T}</c>.</summary>
public sealed record RecordType(string Name, SyntaxList<RecordFieldType> Fields) : TypeNode
{
    /// <summary>The record name atom's annotation (<c>{atom,A,Name}</c>); null: the node's.</summary>
    public SubAnno NameAnno { get; init; }
}

/// <summary><c>{type,A,field_type,[Name,Type]}</c>.</summary>
public sealed record RecordFieldType(string Name, TypeNode Type) : SyntaxNode
{
    /// <summary>The field name atom's annotation (<c>{atom,A,Name}</c>); null: the node's.</summary>
    public SubAnno NameAnno { get; init; }
}

/// <summary>A type term the reader did not recognise (see <see cref="UnknownExpr"/>).</summary>
public sealed record UnknownType(string TermText) : TypeNode;
