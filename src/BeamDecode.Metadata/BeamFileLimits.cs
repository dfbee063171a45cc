namespace BeamDecode.Metadata;

/// <summary>Safety limits for reading untrusted files.</summary>
public static class BeamFileLimits
{
    /// <summary>Largest file image accepted after whole-file gunzip. The largest OTP module is a few MB.</summary>
    public const long MaxImageSize = 256L << 20;
}
