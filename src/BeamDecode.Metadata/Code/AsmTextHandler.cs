namespace BeamDecode.Metadata.Code;

/// <summary>Receives a module's .S text as UTF-8; the span is valid only during the call.</summary>
public delegate void AsmTextHandler(ReadOnlySpan<byte> text);
