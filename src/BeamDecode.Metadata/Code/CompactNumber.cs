using System.Numerics;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// One compact-term value: its tag and its number. <see cref="Value"/> holds it when it fits a long,
/// otherwise <see cref="Big"/> does (only integers may be bignums in practice).
/// </summary>
public readonly record struct CompactNumber(CompactTag Tag, long Value, BigInteger? Big)
{
    public bool IsBig => Big.HasValue;
}
