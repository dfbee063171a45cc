namespace BeamDecode.Cli;

/// <summary>The tool's exit codes, as diff(1): 0 fine, 1 drift found, 2 trouble (bad input, bad usage).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Drift = 1;
    public const int Trouble = 2;
}
