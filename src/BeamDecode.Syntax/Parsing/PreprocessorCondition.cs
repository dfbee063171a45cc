using System.Numerics;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// -if/-elif conditions: epp.erl eval_if/2. The condition (macros expanded) must parse as one expression and be a
/// guard expression once <c>defined(M)</c> is replaced by true/false and calls to unknown functions are dropped
/// (rewrite_expr/2, erl_lint:is_guard_expr/1); it is then evaluated, any failure counting as false.
/// </summary>
public sealed partial class Preprocessor
{
    /// <summary>True: take the branch; false: skip it; null: an error was reported (the branch is skipped).</summary>
    private bool? EvaluateIf(List<Token> toks, Token directive)
    {
        List<Token> expanded;
        try
        {
            expanded = Expand(toks, 2, new ExpandContext([], false), 0);
        }
        catch (MacroException e)
        {
            Error(e.Location, e.Id, "epp", e.Message);
            return null;
        }

        var parser = new ConditionParser(expanded, this);
        ConditionParser.Node? node = parser.ParseCondition();
        if (node is null)
        {
            Token at = parser.ErrorToken ?? directive;
            string message = parser.ErrorToken is null
                ? "syntax error before: "
                : $"syntax error before: {ConditionParser.ErrorText(parser.ErrorToken)}";
            Error((at.Line, at.Column), DiagnosticId.BadIfCondition, "erl_parse", message);
            return null;
        }

        if (!parser.IsGuard(node))
        {
            Error(directive, DiagnosticId.BadDirective, "badly formed 'if'");
            return null;
        }

        try
        {
            return parser.Eval(node) is ConditionParser.Atom { Name: "true" };
        }
        catch (ConditionParser.EvaluationException)
        {
            return false;
        }
        catch (Exception e) when (e is ArithmeticException or OverflowException or OutOfMemoryException)
        {
            return false;
        }
    }

    internal bool IsMacroKey(string name) => _macros.ContainsKey(name);
}
