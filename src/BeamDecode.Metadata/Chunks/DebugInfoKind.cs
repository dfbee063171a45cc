namespace BeamDecode.Metadata.Chunks;

/// <summary>What debug information a module carries, as the info command reports it.</summary>
public enum DebugInfoKind
{
    /// <summary>No Dbgi and no Abst chunk, or one that says there is no code.</summary>
    None,
    /// <summary>Dbgi <c>{debug_info_v1, erl_abstract_code, {Forms, Options}}</c> (OTP 20+).</summary>
    ErlangV1,
    /// <summary>Dbgi <c>{debug_info_v1, elixir_erl, ...}</c>.</summary>
    ElixirV1,
    /// <summary>Dbgi from another backend (LFE, Gleam, ...).</summary>
    Other,
    /// <summary>Encrypted with <c>encrypt_debug_info</c> (des3_cbc); needs a key.</summary>
    Encrypted,
    /// <summary>The pre-OTP-20 Abst chunk (raw_abstract_v1, abstract_v1, abstract_v2).</summary>
    AbstractCode,
}
