using BeamDecode.Metadata;

namespace BeamDecode.Forensics;

/// <summary>What a host does with one module read by <see cref="ModuleReader.Read"/>.</summary>
public abstract class ModuleVisitor
{
    /// <summary>The module's file image (in the thread's reused buffer, valid during the call). May throw
    /// <see cref="BadBeamFormatException"/>; may be called a second time for the same module (with the whole file),
    /// after <see cref="Discard"/>.</summary>
    public abstract void Module(string displayPath, BeamFile beam);

    /// <summary>A module whose summary is known without its bytes (a collector dump's module list).</summary>
    public abstract void Summary(ModuleSummary summary);

    /// <summary>Forget what the last call wrote or kept: it is followed by another call for the same module, or the
    /// module failed with a diagnostic.</summary>
    public abstract void Discard();
}
