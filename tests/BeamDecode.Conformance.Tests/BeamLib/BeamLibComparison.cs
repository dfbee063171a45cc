using System.Collections.Immutable;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.BeamLib;

/// <summary>
/// Builds, from our decoder, the same terms beam_lib returns (sorted symbol lists, chunk triples) and compares
/// their ~w text with beam_lib's. Returns one line per differing field.
/// </summary>
public static class BeamLibComparison
{
    public static List<string> Compare(BeamLibTruth truth)
    {
        var problems = new List<string>();
        ModuleSummary ours;
        BeamFile beam;
        try
        {
            beam = BeamFile.Read(File.ReadAllBytes(truth.Path));
            ours = ModuleSummary.From(truth.Path, beam);
        }
        catch (BadBeamFormatException e)
        {
            problems.Add($"{truth.Path}: we fail with {e.Id} at {e.Offset}: {e.Message}; beam_lib reads it");
            return problems;
        }

        Check(problems, truth.Path, "module", truth.Module, ours.Module);
        Check(problems, truth.Path, "md5", truth.Md5, ours.Md5 ?? "(none)");
        if (truth.LoadedMd5 is not null)
        {
            Check(problems, truth.Path, "module_info(md5)", truth.LoadedMd5, ours.Md5 ?? "(none)");
        }

        Check(problems, truth.Path, "chunks", truth.Chunks, Write(ChunkTriples(ours)));
        Check(problems, truth.Path, "exports", truth.Exports, Write(Sorted(beam.Exports.Select(e => Tuple(e.Name, Int(e.Arity))))));
        Check(problems, truth.Path, "labeled_exports", truth.LabeledExports,
            Write(Sorted(beam.Exports.Select(e => Tuple(e.Name, Int(e.Arity), Int(e.Label))))));
        Check(problems, truth.Path, "imports", truth.Imports,
            Write(Sorted(beam.Imports.Select(i => Tuple(i.Module, i.Function, Int(i.Arity))))));
        Check(problems, truth.Path, "locals", truth.Locals,
            beam.HasChunk(ChunkId.LocT) ? Write(Sorted(beam.Locals.Select(e => Tuple(e.Name, Int(e.Arity))))) : "missing_chunk");
        Check(problems, truth.Path, "attributes", truth.Attributes, beam.HasChunk(ChunkId.Attr) ? ours.Attributes : "missing_chunk");
        Check(problems, truth.Path, "compile_info", truth.CompileInfo, beam.HasChunk(ChunkId.CInf) ? ours.CompileInfo : "missing_chunk");
        Check(problems, truth.Path, "debug_info", truth.DebugInfo, ours.DebugInfo);
        return problems;
    }

    private static void Check(List<string> problems, string path, string field, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"{path}: {field} differs:\n  beam_lib: {Clip(expected)}\n  ours:     {Clip(actual)}");
        }
    }

    private static string Clip(string s) => s.Length <= 400 ? s : s[..400] + "...";

    private static Term ChunkTriples(ModuleSummary summary)
    {
        // beam_lib:info/1 lists {Id, Pos, Size} with Id a string, Pos the offset of the data.
        var items = new List<Term>();
        foreach (var c in summary.Chunks)
        {
            var id = new ListTerm([.. c.Id.Select(ch => (Term)IntegerTerm.Create(ch))], NilTerm.Instance);
            items.Add(Tuple(id, Int(c.Offset), Int(c.Size)));
        }

        return List(items);
    }

    private static Term Sorted(IEnumerable<Term> items)
    {
        var list = items.ToList();
        list.Sort(TermComparer.Standard);
        return List(list);
    }

    private static Term List(List<Term> items) =>
        items.Count == 0 ? NilTerm.Instance : new ListTerm([.. items], NilTerm.Instance);

    private static TupleTerm Tuple(params Term[] items) => new(ImmutableArray.Create(items));

    private static IntegerTerm Int(int value) => IntegerTerm.Create(value);

    private static string Write(Term term) => TermWriter.Write(term);
}
