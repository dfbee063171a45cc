namespace BeamDecode.Metadata.Code;

/// <summary>What an allocation-list entry counts (beam_asm.erl encode_alloc_list_1/3: 0 words, 1 floats, 2 funs).</summary>
public enum AllocKind
{
    Words = 0,
    Floats = 1,
    Funs = 2,
}
