namespace BeamDecode.Forensics;

/// <summary>
/// The work on one module, from <see cref="ModuleReader.BeginModule"/> to <see cref="Dispose"/>, on one thread.
/// A module image of tens of MB (a gzipped file inflates to up to the image limit) and what a command derives from it
/// (a summary, a disassembly, recovered source) are garbage once the module is done, but the GC collects large objects
/// only when its budget for them runs out: a directory of 20 files that each inflate to 200 MB took <c>info</c> to
/// 3.7 GB. Collecting after a module whose work allocated that much keeps the peak near one image per worker
/// (docs/reliability.md, memory check); small modules never pay for it.
/// </summary>
public readonly struct ModuleScope : IDisposable
{
    private readonly long allocatedBefore;

    internal ModuleScope(long allocatedBefore) => this.allocatedBefore = allocatedBefore;

    public void Dispose()
    {
        if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore >= ModuleReader.LargeAllocation)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }
}
