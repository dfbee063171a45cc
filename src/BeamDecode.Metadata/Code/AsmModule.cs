using System.Collections.Immutable;
using BeamDecode.Metadata.Chunks;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// A module's Code chunk decoded: header, functions in file order, and the file the tables came from. The model the
/// assembly writer prints and the decompiler and differ read.
/// </summary>
public sealed class AsmModule
{
    private Dictionary<int, AsmFunction>? _byLabel;

    public AsmModule(BeamFile beam, CodeHeader header, ImmutableArray<AsmFunction> functions)
    {
        Beam = beam;
        Header = header;
        Functions = functions;
    }

    public BeamFile Beam { get; }

    public string Name => Beam.ModuleName;

    public CodeHeader Header { get; }

    public ImmutableArray<AsmFunction> Functions { get; }

    /// <summary>The function whose entry label is <paramref name="label"/>, or null.</summary>
    public AsmFunction? FunctionAt(int label)
    {
        if (_byLabel is null)
        {
            var map = new Dictionary<int, AsmFunction>(Functions.Length);
            foreach (var f in Functions)
            {
                map.TryAdd(f.EntryLabel, f);
            }

            _byLabel = map;
        }

        return _byLabel.GetValueOrDefault(label);
    }

    /// <summary>The first function named <paramref name="name"/> with <paramref name="arity"/>, or null.</summary>
    public AsmFunction? Find(string name, int arity)
    {
        foreach (var f in Functions)
        {
            if (f.Arity == arity && string.Equals(f.Name.Name, name, StringComparison.Ordinal))
            {
                return f;
            }
        }

        return null;
    }
}
