namespace BeamDecode.Fuzz;

/// <summary>
/// One decoder under fuzz. <see cref="Run"/> decodes the input and walks everything the decoded model reaches;
/// it may throw only <see cref="Allowed"/> (the layer's documented failure type) or nothing at all (layers that
/// report bad input as diagnostics): anything else is a contract breach, which AFL records as a crash.
/// </summary>
/// <param name="Name">The name run.sh and --replay take (also the folder of its seeds and regressions).</param>
/// <param name="Decoder">What the target decodes, for --list and docs/reliability.md.</param>
/// <param name="Allowed">The one exception type that may escape, or null when none may.</param>
/// <param name="Run">Decode and walk; returns a number derived from the walk so nothing is optimized away.</param>
/// <param name="SeedFolder">The folder under seeds/ its seeds are in, when targets share one (the front end's three
/// targets all start from the same Erlang sources); null: the target's name.</param>
public sealed record FuzzTarget(string Name, string Decoder, Type? Allowed, Func<byte[], long> Run, string? SeedFolder = null)
{
    /// <summary>The folder under seeds/ run.sh and the replay tests take this target's seeds from.</summary>
    public string Seeds => SeedFolder ?? Name;

    /// <summary>Runs the input, swallowing only the contract's failure type. Any other exception propagates.</summary>
    public long RunChecked(byte[] input)
    {
        try
        {
            return Run(input);
        }
        catch (Exception e) when (Allowed is not null && Allowed.IsInstanceOfType(e))
        {
            return -1;
        }
    }
}
