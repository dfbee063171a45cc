namespace BeamDecode.Metadata.Code;

/// <summary>One entry of an allocation list: <c>{words,N}</c>, <c>{floats,N}</c> or <c>{funs,N}</c>.</summary>
public readonly record struct AllocItem(AllocKind Kind, long Count);
