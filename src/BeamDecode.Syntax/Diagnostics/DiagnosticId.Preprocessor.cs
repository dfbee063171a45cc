namespace BeamDecode.Syntax.Diagnostics;

/// <summary>
/// The preprocessor's diagnostic ids (BD0520-BD0559): epp's error descriptors (stdlib epp.erl, format_error/1), one
/// id per descriptor, with epp's wording. Never renumber; a retired id stays here, commented.
/// </summary>
public static partial class DiagnosticId
{
    /// <summary><c>{bad,W}</c>: a directive of the wrong shape ("badly formed 'define'").</summary>
    public const string BadDirective = "BD0520";

    /// <summary><c>{duplicated_argument,A}</c>: a macro parameter named twice.</summary>
    public const string DuplicatedMacroArgument = "BD0521";

    /// <summary><c>missing_parenthesis</c>: a -define whose body is not closed by <c>)</c> before the dot.</summary>
    public const string DefineMissingParenthesis = "BD0522";

    /// <summary><c>missing_comma</c>: a -define with parameters and no comma before the body.</summary>
    public const string DefineMissingComma = "BD0523";

    /// <summary><c>premature_end</c>: a -define that ends before its body does (no dot).</summary>
    public const string DefinePrematureEnd = "BD0524";

    /// <summary><c>{call,What}</c>: <c>?</c> followed by something that is not a macro name.</summary>
    public const string IllegalMacroCall = "BD0525";

    /// <summary><c>{undefined,M,A}</c>: a macro that is not defined (or not with that arity).</summary>
    public const string UndefinedMacro = "BD0526";

    /// <summary><c>{depth,What}</c>: includes nested deeper than epp allows (8).</summary>
    public const string IncludeTooDeep = "BD0527";

    /// <summary><c>{mismatch,M}</c>: a macro called with an arity it has no definition for.</summary>
    public const string MacroArgumentMismatch = "BD0528";

    /// <summary><c>{arg_error,M}</c>: a badly formed macro argument list (empty argument, no closing parenthesis).</summary>
    public const string BadMacroArgument = "BD0529";

    /// <summary><c>{redefine,M}</c>: a user macro defined again with the same arity.</summary>
    public const string RedefineMacro = "BD0530";

    /// <summary><c>{redefine_predef,M}</c>: a predefined macro (MODULE, LINE, ...) defined by the user.</summary>
    public const string RedefinePredefinedMacro = "BD0531";

    /// <summary><c>{circular,M,A}</c>: a macro whose expansion uses itself.</summary>
    public const string CircularMacro = "BD0532";

    /// <summary><c>{include,file|lib,F}</c>: an include file that cannot be found.</summary>
    public const string IncludeNotFound = "BD0533";

    /// <summary><c>{illegal,How,What}</c>: an unterminated, unbalanced or repeated conditional directive.</summary>
    public const string IllegalConditional = "BD0534";

    /// <summary><c>{illegal_function,M}</c>: ?FUNCTION_NAME/?FUNCTION_ARITY outside a function.</summary>
    public const string FunctionMacroOutsideFunction = "BD0535";

    /// <summary><c>{illegal_function_usage,M}</c>: ?FUNCTION_NAME/?FUNCTION_ARITY at the start of a form.</summary>
    public const string FunctionMacroBeginsForm = "BD0536";

    /// <summary><c>elif_after_else</c>: -elif after -else in the same conditional.</summary>
    public const string ElifAfterElse = "BD0537";

    /// <summary><c>{error,Term}</c>: the source's own -error(Term) directive.</summary>
    public const string ErrorDirective = "BD0538";

    /// <summary><c>{warning,Term}</c>: the source's own -warning(Term) directive (a warning).</summary>
    public const string WarningDirective = "BD0539";

    /// <summary><c>ftr_after_prefix</c>: -feature after the module's prefix (exports, records, ...).</summary>
    public const string FeatureAfterPrefix = "BD0540";

    /// <summary>erl_features' errors for -feature: the feature does not exist or is not configurable.</summary>
    public const string BadFeature = "BD0541";

    /// <summary>The condition of -if/-elif is not a valid expression (erl_parse's syntax error).</summary>
    public const string BadIfCondition = "BD0542";

    /// <summary><c>cannot_parse</c>: a file that cannot be read while preprocessing.</summary>
    public const string CannotParse = "BD0543";

    /// <summary>A macro expansion that exceeds the preprocessor's explicit limits (epp itself would loop forever or
    /// exhaust memory on it).</summary>
    public const string MacroExpansionTooDeep = "BD0544";

    /// <summary>The main file cannot be opened (epp:open's <c>{error,enoent}</c>).</summary>
    public const string SourceNotFound = "BD0545";

    /// <summary>A -D macro given in the options whose value cannot be scanned or that redefines a predefined macro.</summary>
    public const string BadPredefinedMacro = "BD0546";

    /// <summary>OTP 27+ <c>{Doc,invalid,file}</c>: -doc/-moduledoc with a tuple that is not <c>{file, Name}</c>.</summary>
    public const string BadDocFile = "BD0547";

    /// <summary>OTP 27+ <c>{Doc,file,F}</c>: the file of <c>-doc {file, F}</c> cannot be found (a warning) or read.</summary>
    public const string DocFileNotFound = "BD0548";
}
