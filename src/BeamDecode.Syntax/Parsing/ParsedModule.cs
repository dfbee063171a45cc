using System.Collections.Immutable;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>One element of what <c>epp:parse_file/2</c> returns, in its order.</summary>
public abstract record ParsedEntry;

/// <summary>A form erl_parse built (epp's own <c>-file</c> attributes included), with its place in the text.</summary>
public sealed record FormEntry(ParsedForm Parsed) : ParsedEntry
{
    public Form Form => Parsed.Form;
}

/// <summary><c>{error,{Location,Module,Descriptor}}</c> or <c>{warning,...}</c> in place of a form: a directive that
/// failed, a form the lexer or parser rejected, an <c>-error</c> or <c>-warning</c>.</summary>
/// <param name="Module">Who reported it, as epp names it: <c>epp</c>, <c>erl_scan</c>, <c>erl_parse</c>, <c>erl_features</c>.</param>
public sealed record DiagnosticEntry(Diagnostic Diagnostic, string Module) : ParsedEntry
{
    public bool IsWarning => Diagnostic.Severity == DiagnosticSeverity.Warning;
}

/// <summary><c>{eof,Location}</c>: the end of the main file.</summary>
public sealed record EofEntry(int Line, int Column) : ParsedEntry;

/// <summary>
/// An Erlang source file read by the front end: epp's sequence of forms, errors, warnings and end of file; every
/// diagnostic (file:line:col, stable id, message); the main file's text; and whether a parse transform would
/// change the forms before compilation.
/// </summary>
/// <param name="Path">The file as given.</param>
/// <param name="Source">The main file's text (null when it could not be read: see <see cref="Diagnostics"/>).</param>
/// <param name="OtpRelease">The release emulated.</param>
/// <param name="Entries">In epp:parse_file/2's order.</param>
/// <param name="Diagnostics">Every diagnostic of the lexer, preprocessor and parser, in file order, plus the front end's
/// own (<see cref="DiagnosticId.ParseTransformNotRun"/>, severity Info).</param>
/// <param name="ParseTransforms">The modules named by <c>-compile({parse_transform, M})</c>, in order.</param>
public sealed record ParsedModule(
    string Path,
    SourceText? Source,
    int OtpRelease,
    ImmutableArray<ParsedEntry> Entries,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<string> ParseTransforms)
{
    /// <summary>A parse transform would rewrite these forms before the compiler sees them; the forms here are the
    /// ones before it (a compare must say so).</summary>
    public bool UsesParseTransform => !ParseTransforms.IsEmpty;

    /// <summary>Whether any diagnostic is an error (a warning or info is not).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The forms (epp's -file attributes and eof included, errors and warnings left out), as the debug
    /// info of the compiled module holds them.</summary>
    public ModuleSyntax Syntax
    {
        get
        {
            var forms = new List<Form>(Entries.Length);
            foreach (var entry in Entries)
            {
                switch (entry)
                {
                    case FormEntry f:
                        forms.Add(f.Form);
                        break;
                    case EofEntry e:
                        forms.Add(new EofForm { Anno = new Anno(e.Line, e.Column) });
                        break;
                }
            }

            return new ModuleSyntax(new SyntaxList<Form>(forms));
        }
    }

    /// <summary>The forms with their spans (functions and attributes of the main file and its includes).</summary>
    public IEnumerable<ParsedForm> Forms => Entries.OfType<FormEntry>().Select(f => f.Parsed);
}
