using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// One function of the Code chunk: the labels and line before its <c>func_info</c>, the <c>func_info</c>, and
/// every instruction up to the next function (int_code_end excluded). <see cref="EntryLabel"/> is the label that
/// follows <c>func_info</c>, the one ExpT/LocT/FunT and calls name.
/// </summary>
public sealed class AsmFunction
{
    private ImmutableArray<BasicBlock> _blocks;

    public AsmFunction(AtomTerm name, int arity, int entryLabel, ImmutableArray<Instruction> instructions)
    {
        Name = name;
        Arity = arity;
        EntryLabel = entryLabel;
        Instructions = instructions;
    }

    public AtomTerm Name { get; }

    public int Arity { get; }

    public int EntryLabel { get; }

    public ImmutableArray<Instruction> Instructions { get; }

    /// <summary>The function cut at every label; instructions before the first label (none in erlc output) form a block labelled 0.</summary>
    public ImmutableArray<BasicBlock> Blocks => _blocks.IsDefault ? _blocks = SplitBlocks(Instructions) : _blocks;

    public override string ToString() => $"{Name}/{Arity}";

    private static ImmutableArray<BasicBlock> SplitBlocks(ImmutableArray<Instruction> instructions)
    {
        var blocks = ImmutableArray.CreateBuilder<BasicBlock>();
        int label = 0;
        int start = 0;
        for (int i = 0; i <= instructions.Length; i++)
        {
            int? next = i < instructions.Length ? instructions[i].DefinedLabel : null;
            if (i == instructions.Length || next is not null)
            {
                if (i > start || label != 0)
                {
                    blocks.Add(new BasicBlock(label, instructions[start..i]));
                }

                if (next is { } l)
                {
                    label = l;
                    start = i + 1;
                }
            }
        }

        return blocks.ToImmutable();
    }
}
