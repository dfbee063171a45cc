namespace BeamDecode.Metadata;

/// <summary>Safety limits for reading untrusted files.</summary>
public static class BeamFileLimits
{
    /// <summary>Default largest file image accepted after whole-file gunzip (the largest OTP module is a few MB); the
    /// limit in force is <see cref="DecodeLimits.MaxImageSize"/>.</summary>
    public const long MaxImageSize = 256L << 20;
}
