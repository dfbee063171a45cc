namespace BeamDecode.Forensics.Tests.Reading;

/// <summary>
/// <see cref="ModuleReader.BeginModule"/>: the per-module scope every command wraps its work in collects after a module
/// whose work allocated a lot (huge gzipped images, docs/reliability.md memory check), and never after a small one.
/// Counts full collections, which are process-wide, so the class runs alone.
/// </summary>
[Collection(nameof(ModuleScopeTests))]
[CollectionDefinition(nameof(ModuleScopeTests), DisableParallelization = true)]
public sealed class ModuleScopeTests
{
    private static volatile byte[]? sink;

    [Fact]
    public void Module_work_allocating_48_MB_is_followed_by_a_full_collection()
    {
        int before;
        using (ModuleReader.BeginModule())
        {
            before = GC.CollectionCount(GC.MaxGeneration);
            // Small arrays: gen0 garbage, which on its own does not make the GC collect the whole heap.
            for (int i = 0; i < 48 * 128; i++)
            {
                sink = new byte[8 << 10];
            }
        }

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before, "no full collection after 48 MB of module work");
    }

    [Fact]
    public void Module_work_allocating_1_MB_is_not_followed_by_a_collection()
    {
        GC.Collect();
        int before = GC.CollectionCount(0);
        using (ModuleReader.BeginModule())
        {
            for (int i = 0; i < 128; i++)
            {
                sink = new byte[8 << 10];
            }
        }

        Assert.Equal(before, GC.CollectionCount(0));
    }
}
