using System.Collections.Immutable;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The Docs chunk (EEP 48, written by edoc's doc chunks, ExDoc, Elixir's compiler and OTP 27's erlc):
/// <c>{docs_v1, Anno, BeamLanguage, Format, ModuleDoc, Metadata, Docs}</c> where Docs is a list of
/// <c>{{Kind, Name, Arity}, Anno, Signature, Doc, Metadata}</c> (code:get_doc/1; the shell_docs module).
/// Doc values are <c>#{Language =&gt; Text}</c>, <c>none</c> or <c>hidden</c>; they are kept as terms.
/// </summary>
public sealed record DocsChunk(
    string BeamLanguage,
    string Format,
    Term ModuleDoc,
    Term Metadata,
    ImmutableArray<DocEntry> Entries)
{
    public static DocsChunk Decode(Chunk chunk)
    {
        var term = TermReader.Decode(chunk.Data.Span, chunk.Offset, chunk.Id);
        if (term is not TupleTerm { Arity: 7 } t || t[0] is not AtomTerm { Name: "docs_v1" })
        {
            throw Bad(chunk, "is not a {docs_v1, ...} tuple of 7 elements");
        }

        if (t[2] is not AtomTerm language)
        {
            throw Bad(chunk, "BeamLanguage is not an atom");
        }

        string format = t[3] is BitStringTerm { IsBinary: true } f ? System.Text.Encoding.UTF8.GetString(f.Bytes.AsSpan()) : TermWriter.Write(t[3]);
        var entries = ImmutableArray.CreateBuilder<DocEntry>();
        if (t[6] is ListTerm docs)
        {
            foreach (var item in docs.Elements)
            {
                if (item is TupleTerm { Arity: 5 } d && d[0] is TupleTerm { Arity: 3 } key
                    && key[0] is AtomTerm kind && key[1] is AtomTerm name && key[2] is IntegerTerm arity && arity.TryGetInt64(out long a))
                {
                    entries.Add(new DocEntry(kind.Name, name.Name, (int)a, d[2], d[3], d[4]));
                }
                else
                {
                    string text = TermWriter.Write(item);
                    throw Bad(chunk, $"doc entry {text[..Math.Min(80, text.Length)]} is not {{{{Kind, Name, Arity}}, Anno, Signature, Doc, Metadata}}");
                }
            }
        }
        else if (t[6] is not NilTerm)
        {
            throw Bad(chunk, "Docs is not a list");
        }

        return new DocsChunk(language.Name, format, t[4], t[5], entries.ToImmutable());
    }

    private static BadBeamFormatException Bad(Chunk chunk, string what) =>
        new(DiagnosticId.BadChunk, chunk.Offset, $"EEP 48 docs: {what}", chunk.Id);
}
