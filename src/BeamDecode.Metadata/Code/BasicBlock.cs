using System.Collections.Immutable;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// The instructions from one <c>label</c> up to the next (the label instruction itself excluded). Control enters
/// a block only at its label; consecutive labels give empty blocks that fall through.
/// </summary>
public sealed record BasicBlock(int Label, ImmutableArray<Instruction> Instructions);
