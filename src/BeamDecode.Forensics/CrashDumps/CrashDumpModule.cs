using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.CrashDumps;

/// <summary>
/// One <c>=mod:NAME</c> section of a crash dump: the sizes of the loaded (current) and old code, and the
/// attribute and compile-info terms of each, which the node printed from the Attr and CInf chunks it loaded.
/// Preloaded modules have sizes only. <see cref="Problem"/> says why a term present in the dump could not be decoded.
/// </summary>
public sealed record CrashDumpModule(
    string Module,
    long? CurrentSize,
    long? OldSize,
    Term? CurrentAttributes,
    Term? CurrentCompileInfo,
    Term? OldAttributes,
    Term? OldCompileInfo,
    string? Problem)
{
    /// <summary>
    /// The md5 of the loaded code as the compiler's default <c>-vsn</c> records it: beam_asm puts
    /// <c>{vsn, [Md5AsInteger]}</c> in the attributes when the source has no <c>-vsn</c>, computed over the same
    /// chunks as <c>module_info(md5)</c>. Null when there is no such vsn (a module with a <c>-vsn</c> of its own
    /// holding one integer of at most 128 bits cannot be told apart, which is why this is not called md5 alone).
    /// </summary>
    public string? VsnMd5Hex => VsnMd5(CurrentAttributes);

    public static string? VsnMd5(Term? attributes)
    {
        if (attributes is not ListTerm list)
        {
            return null;
        }

        foreach (var item in list.Elements)
        {
            if (item is TupleTerm { Arity: 2 } t && t[0] is AtomTerm { Name: "vsn" }
                && t[1] is ListTerm { Elements.Length: 1, IsProper: true } v && v.Elements[0] is IntegerTerm i
                && i.Value.Sign >= 0 && i.Value.GetBitLength() <= 128)
            {
                var bytes = new byte[16];
                byte[] raw = i.Value.ToByteArray(isUnsigned: true, isBigEndian: true);
                raw.CopyTo(bytes, 16 - raw.Length);
                return Convert.ToHexStringLower(bytes);
            }
        }

        return null;
    }
}
