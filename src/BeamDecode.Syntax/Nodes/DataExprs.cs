namespace BeamDecode.Syntax.Nodes;

// Records, maps and binaries (absform "Expressions"); a family of small records.

/// <summary><c>{record,A,Name,Fields}</c> or, with a source, <c>{record,A,Expr,Name,Fields}</c>.</summary>
public sealed record RecordExpr(Expr? Source, string Name, SyntaxList<RecordFieldInit> Fields) : Expr;

/// <summary><c>{record_field,A,Field,Value}</c> in a record expression; Field is an atom or the variable <c>_</c>.</summary>
public sealed record RecordFieldInit(Expr Field, Expr Value) : SyntaxNode;

/// <summary><c>{record_field,A,Expr,Name,Field}</c>: <c>E#r.f</c>.</summary>
public sealed record RecordFieldExpr(Expr Record, string Name, string Field) : Expr
{
    /// <summary>The field atom's own annotation (<c>{atom,A,Field}</c>).</summary>
    public SubAnno FieldAnno { get; init; }
}

/// <summary><c>{record_index,A,Name,Field}</c>: <c>#r.f</c>.</summary>
public sealed record RecordIndexExpr(string Name, string Field) : Expr
{
    /// <summary>The field atom's own annotation (<c>{atom,A,Field}</c>).</summary>
    public SubAnno FieldAnno { get; init; }
}

/// <summary><c>{map,A,Assocs}</c> or <c>{map,A,Expr,Assocs}</c>.</summary>
public sealed record MapExpr(Expr? Source, SyntaxList<MapAssoc> Associations) : Expr;

/// <summary><c>{map_field_assoc,A,K,V}</c> (<c>=&gt;</c>) or <c>{map_field_exact,A,K,V}</c> (<c>:=</c>).</summary>
public sealed record MapAssoc(bool Exact, Expr Key, Expr Value) : SyntaxNode;

/// <summary><c>{bin,A,Elements}</c>.</summary>
public sealed record BinaryExpr(SyntaxList<BinElement> Elements) : Expr;

/// <summary><c>{bin_element,A,Value,Size,TypeSpecifiers}</c>; Size null for <c>default</c>, Specifiers null for <c>default</c>.</summary>
public sealed record BinElement(Expr Value, Expr? Size, SyntaxList<BinTypeSpecifier>? Specifiers) : SyntaxNode;

/// <summary>One type specifier: <c>integer</c>, <c>little</c>, ... or <c>unit:N</c> (Unit not null).</summary>
public sealed record BinTypeSpecifier(string Name, int? Unit) : SyntaxNode;
