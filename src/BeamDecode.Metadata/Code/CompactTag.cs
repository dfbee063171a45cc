namespace BeamDecode.Metadata.Code;

/// <summary>The low three bits of a compact-term byte (beam_asm.erl encode/2; erts beam_file.c beamreader_read_tagged).</summary>
public enum CompactTag : byte
{
    /// <summary>Unsigned literal (u).</summary>
    Literal = 0,
    /// <summary>Integer (i).</summary>
    Integer = 1,
    /// <summary>Atom index, 0 meaning nil (a).</summary>
    Atom = 2,
    /// <summary>X register (x).</summary>
    X = 3,
    /// <summary>Y register (y).</summary>
    Y = 4,
    /// <summary>Label, 0 meaning none (f).</summary>
    Label = 5,
    /// <summary>Character (h).</summary>
    Character = 6,
    /// <summary>Extended: the value selects a further form (z).</summary>
    Extended = 7,
}
