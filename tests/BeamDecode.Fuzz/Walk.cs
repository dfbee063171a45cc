using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Fuzz;

/// <summary>
/// Consumes decoded models the way a host would (prints, hashes, compares), so a lazy or broken structure fails
/// here rather than in a user's command. The term walk uses an explicit stack: the harness itself must not be the
/// thing that overflows.
/// </summary>
public static class Walk
{
    public static long Term(Term root)
    {
        long n = 0;
        var stack = new Stack<Term>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            n++;
            switch (t)
            {
                case TupleTerm tuple:
                    foreach (var e in tuple.Elements)
                    {
                        stack.Push(e);
                    }

                    break;
                case ListTerm list:
                    foreach (var e in list.Elements)
                    {
                        stack.Push(e);
                    }

                    stack.Push(list.Tail);
                    break;
                case MapTerm map:
                    foreach (var (k, v) in map.Pairs)
                    {
                        stack.Push(k);
                        stack.Push(v);
                    }

                    break;
                case FunTerm fun:
                    n += fun.Arity + fun.Uniq.Length;
                    stack.Push(fun.Module);
                    stack.Push(fun.OldIndex);
                    stack.Push(fun.OldUniq);
                    stack.Push(fun.Pid);
                    foreach (var e in fun.FreeVars)
                    {
                        stack.Push(e);
                    }

                    break;
                case ExportTerm export:
                    stack.Push(export.Module);
                    stack.Push(export.Function);
                    stack.Push(export.Arity);
                    break;
                case AtomTerm atom:
                    n += atom.Name.Length;
                    break;
                case IntegerTerm integer:
                    n += integer.Value.IsEven ? 0 : 1;
                    break;
                case BitStringTerm bits:
                    n += bits.BitSize;
                    break;
                case FloatTerm f:
                    n += double.IsNaN(f.Value) ? 1 : 0;
                    break;
            }
        }

        // What every host does with a term: print it (~w), hash it, compare it with itself.
        n += TermWriter.Write(root).Length;
        n += root.GetHashCode() & 1;
        n += root.Equals(root) ? 0 : throw new InvalidOperationException("a decoded term is not equal to itself");
        n += TermComparer.Standard.Compare(root, root) == 0 ? 0 : throw new InvalidOperationException("a decoded term does not compare equal to itself");
        return n;
    }

    /// <summary>Each table of a module in isolation, as <c>info</c> and <c>disasm</c> reach them: a failure in one
    /// chunk is caught there and the walk goes on with the next (per-chunk isolation).</summary>
    public static long Beam(BeamFile beam)
    {
        long n = beam.Chunks.Length;
        foreach (var c in beam.Chunks)
        {
            n += c.DisplayId.Length + c.Size;
        }

        n += Guard(() => beam.ModuleName.Length);
        n += Guard(() => beam.Atoms.Count);
        n += Guard(() => beam.Code?.FunctionCount ?? 0);
        n += Guard(() => beam.Imports.Length);
        n += Guard(() => beam.Exports.Length);
        n += Guard(() => beam.Locals.Length);
        n += Guard(() => beam.Lambdas.Length);
        n += Guard(() => beam.Lines?.Items.Length ?? 0);
        n += Guard(() => beam.Types?.Entries.Length ?? 0);
        n += Guard(() => beam.Docs is { } d ? d.ToString()!.Length : 0);
        n += Guard(() => beam.Literals is { } lit ? Literals(lit) : 0);
        n += Guard(() => Term(beam.Attributes));
        n += Guard(() => Term(beam.CompileInfo));
        n += Guard(() => beam.DecodeTermChunk(ChunkId.Meta) is { } t ? Term(t) : 0);
        n += Guard(() => beam.DecodeTermChunk(ChunkId.ExCk) is { } t ? Term(t) : 0);
        n += Guard(() => beam.DebugInfo.Payload is { } p ? Term(p) : 0);
        n += Guard(() => ModuleMd5.TryCompute(beam, out var missing)?.Length ?? missing?.Length ?? 0);
        n += Guard(() => ModuleSummary.From("fuzz.beam", beam).ToString()!.Length);
        return n;
    }

    public static long Literals(Metadata.Chunks.LiteralTable table)
    {
        long n = table.Count;
        foreach (var t in table.Literals)
        {
            n += Term(t);
        }

        return n;
    }

    /// <summary>Runs one table's decode, letting only the contract's failure type stop it.</summary>
    public static long Guard(Func<long> decode)
    {
        try
        {
            return decode();
        }
        catch (BadBeamFormatException e)
        {
            return e.Id.Length + e.Offset;
        }
    }
}
