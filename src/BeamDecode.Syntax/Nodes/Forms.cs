namespace BeamDecode.Syntax.Nodes;

// Module declarations and forms (absform "Module Declarations and Forms"); a family of small records.

/// <summary>A form: an attribute, a function declaration, or eof.</summary>
public abstract record Form : SyntaxNode;

/// <summary><c>{attribute,A,module,Mod}</c>.</summary>
public sealed record ModuleAttribute(string Name) : Form;

/// <summary>
/// An attribute whose value is a list of Name/Arity: <c>export</c>, <c>export_type</c>, <c>optional_callbacks</c>,
/// <c>nifs</c> (erl_pp falist; the parser turns <c>f/1</c> into <c>{f,1}</c> for these).
/// </summary>
public sealed record FunctionListAttribute(string Name, SyntaxList<FunctionName> Functions) : Form;

/// <summary><c>{attribute,A,import,{Mod,[{F,A}]}}</c>.</summary>
public sealed record ImportAttribute(string Module, SyntaxList<FunctionName> Functions) : Form;

/// <summary>A Name/Arity pair.</summary>
public sealed record FunctionName(string Name, int Arity) : SyntaxNode;

/// <summary><c>{attribute,A,file,{File,Line}}</c>.</summary>
public sealed record FileAttribute(string File, int LineNumber) : Form;

/// <summary><c>{attribute,A,record,{Name,Fields}}</c>.</summary>
public sealed record RecordAttribute(string Name, SyntaxList<RecordFieldDecl> Fields) : Form;

/// <summary><c>{record_field,A,Name}</c>, <c>{record_field,A,Name,Default}</c>, optionally typed
/// (<c>{typed_record_field,Field,Type}</c>).</summary>
public sealed record RecordFieldDecl(string Name, Expr? Default, TypeNode? Type) : SyntaxNode
{
    /// <summary>The field name atom's annotation (<c>{atom,A,Name}</c>); null: the node's.</summary>
    public SubAnno NameAnno { get; init; }
}

/// <summary><c>{attribute,A,type|opaque,{Name,Type,Params}}</c>; Kind is "type", "opaque" (or "nominal", OTP 28).</summary>
public sealed record TypeAttribute(string Kind, string Name, SyntaxList<TypeVar> Parameters, TypeNode Type) : Form;

/// <summary><c>{attribute,A,spec|callback,{{[Mod,]Name,Arity},Types}}</c>; each type a FunType or BoundedFunType.</summary>
public sealed record SpecAttribute(string Kind, string? Module, string Name, int Arity, SyntaxList<TypeNode> Types) : Form;

/// <summary>
/// Any other attribute <c>{attribute,A,Name,Term}</c> (behaviour, compile, on_load, feature, vsn, custom ones):
/// the term's value as a literal expression, which erl_pp writes with erl_parse:abstract and erl_parse reads back
/// with its term/1.
/// </summary>
public sealed record WildAttribute(string Name, Expr Value) : Form;

/// <summary><c>{function,A,Name,Arity,Clauses}</c>.</summary>
public sealed record FunctionDecl(string Name, int Arity, SyntaxList<Clause> Clauses) : Form;

/// <summary><c>{eof,Location}</c>.</summary>
public sealed record EofForm : Form;

/// <summary><c>{error,E}</c> or <c>{warning,W}</c> left in the forms by the front end, kept as ~w text.</summary>
public sealed record ErrorMarkerForm(bool IsWarning, string TermText) : Form;

/// <summary>A form the reader did not recognise, kept as ~w text (printed as a comment).</summary>
public sealed record UnknownForm(string TermText) : Form;

/// <summary>A module: its forms in order.</summary>
public sealed record ModuleSyntax(SyntaxList<Form> Forms) : SyntaxNode
{
    /// <summary>The name from the module attribute, or null.</summary>
    public string? Name => Forms.Items.OfType<ModuleAttribute>().FirstOrDefault()?.Name;
}
