namespace BeamDecode.Fuzz.Tests;

/// <summary>
/// How long one input may take in these tests before it counts as a hang. Not AFL's one second (run.sh's
/// <c>-t 1000</c>, the campaigns' contract): CI and development machines are shared, and a replay under load took
/// 1.6 s for an input that takes milliseconds alone. What the tests must catch is runaway decoding (a loop, an
/// exponential expansion), which takes far longer than this; speed itself is measured by benchmarks, not asserted.
/// </summary>
internal static class HangBound
{
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);
}
