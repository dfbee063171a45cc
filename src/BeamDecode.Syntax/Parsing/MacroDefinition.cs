using System.Collections.Immutable;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// One definition of a macro: its arity (<see cref="NoArguments"/> for <c>-define(M, Body)</c>, else the number of
/// parameters of <c>-define(M(A, B), Body)</c>), its parameter names and its body tokens (epp.erl: the
/// <c>{Arity, {Args, Tokens}}</c> entries of the macro map).
/// </summary>
public sealed record MacroDefinition(int Arity, ImmutableArray<string> Parameters, ImmutableArray<Token> Body)
{
    /// <summary>epp's <c>none</c>: a macro defined without a parameter list, called as <c>?M</c>.</summary>
    public const int NoArguments = -1;

    public bool HasArguments => Arity != NoArguments;
}

/// <summary>
/// The entry of one macro name: either predefined by epp (MODULE, LINE, ...; <see cref="Predefined"/> true, a single
/// value or none yet, and not overloadable) or the list of the user's definitions, newest first (overloaded by arity).
/// </summary>
internal sealed class MacroEntry
{
    private MacroEntry(bool predefined, MacroDefinition? value, List<MacroDefinition> definitions)
    {
        Predefined = predefined;
        Value = value;
        Definitions = definitions;
    }

    public bool Predefined { get; }

    /// <summary>For a predefined macro, its expansion; null while undefined (epp's <c>undefined</c>: MODULE before
    /// -module, FUNCTION_NAME).</summary>
    public MacroDefinition? Value { get; }

    /// <summary>For a user macro, its definitions newest first.</summary>
    public List<MacroDefinition> Definitions { get; }

    public bool IsDefined => !Predefined || Value is not null;

    public static MacroEntry Predef(MacroDefinition? value) => new(true, value, []);

    public static MacroEntry User(List<MacroDefinition> definitions) => new(false, null, definitions);

    /// <summary>proplists:get_value(Arity, Defs).</summary>
    public MacroDefinition? Find(int arity)
    {
        foreach (MacroDefinition definition in Definitions)
        {
            if (definition.Arity == arity)
            {
                return definition;
            }
        }

        return null;
    }
}
