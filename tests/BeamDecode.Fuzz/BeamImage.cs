using System.Buffers.Binary;
using System.Text;

namespace BeamDecode.Fuzz;

/// <summary>
/// Builds FOR1/BEAM containers around a fuzzed chunk: the Code and LitT targets put their input into a real module
/// (fixtures/beam/asm_ops.beam, embedded) so atoms, imports, literals and labels resolve and the decoder goes deep.
/// </summary>
public static class BeamImage
{
    private static readonly Lazy<byte[]> Template = new(() => Resource("asm_ops.beam"));

    public static byte[] Resource(string name)
    {
        using var s = typeof(BeamImage).Assembly.GetManifestResourceStream("BeamDecode.Fuzz." + name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>The template module's chunks, in file order.</summary>
    public static List<(string Id, byte[] Data)> Chunks(byte[] beam)
    {
        var chunks = new List<(string, byte[])>();
        int end = 8 + (int)BinaryPrimitives.ReadUInt32BigEndian(beam.AsSpan(4));
        int pos = 12;
        while (pos + 8 <= end)
        {
            string id = Encoding.Latin1.GetString(beam, pos, 4);
            int size = (int)BinaryPrimitives.ReadUInt32BigEndian(beam.AsSpan(pos + 4));
            chunks.Add((id, beam.AsSpan(pos + 8, size).ToArray()));
            pos += 8 + ((size + 3) & ~3);
        }

        return chunks;
    }

    /// <summary>The template module with chunk <paramref name="id"/>'s data replaced by <paramref name="data"/>.</summary>
    public static byte[] WithChunk(string id, byte[] data)
    {
        var chunks = Chunks(Template.Value);
        int i = chunks.FindIndex(c => c.Id == id);
        if (i < 0)
        {
            chunks.Add((id, data));
        }
        else
        {
            chunks[i] = (id, data);
        }

        return Write(chunks);
    }

    /// <summary>The template's data of chunk <paramref name="id"/> (seeds for chunk-level targets).</summary>
    public static byte[] TemplateChunk(string id) => Chunks(Template.Value).First(c => c.Id == id).Data;

    public static byte[] Write(IEnumerable<(string Id, byte[] Data)> chunks)
    {
        var ms = new MemoryStream();
        ms.Write("FOR1\0\0\0\0BEAM"u8);
        Span<byte> size = stackalloc byte[4];
        foreach (var (id, data) in chunks)
        {
            ms.Write(Encoding.Latin1.GetBytes(id));
            BinaryPrimitives.WriteUInt32BigEndian(size, (uint)data.Length);
            ms.Write(size);
            ms.Write(data);
            for (int pad = data.Length; pad % 4 != 0; pad++)
            {
                ms.WriteByte(0);
            }
        }

        var bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }
}
