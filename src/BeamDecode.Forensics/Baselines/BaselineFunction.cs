namespace BeamDecode.Forensics.Baselines;

/// <summary>
/// One function: <see cref="Fingerprint"/> is the first 16 bytes (hex) of the SHA-256 of its normalized code
/// (<see cref="CodeFingerprint"/>); <see cref="Code"/> that normalized code as text, kept only when the module
/// has no abstract code to show instead.
/// </summary>
public sealed record BaselineFunction(string Name, int Arity, string Fingerprint, int Instructions, string? Code);
