namespace BeamDecode.Fuzz;

/// <summary>Targets for decoders that landed after the first campaign (Erlang front end, tar, crash dumps, ...).</summary>
public static partial class FuzzTargets
{
    private static IEnumerable<FuzzTarget> Later => [];
}
