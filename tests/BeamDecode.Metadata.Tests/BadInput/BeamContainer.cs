using System.Buffers.Binary;
using System.Text;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>
/// Test data builder: a FOR1/BEAM container as an ordered list of (id, data) chunks, so a test can take a
/// good fixture, rewrite one chunk and write the container back (each chunk padded to 4 bytes, as beam_asm does).
/// </summary>
internal sealed class BeamContainer
{
    private readonly List<(string Id, byte[] Data)> _chunks;

    private BeamContainer(List<(string Id, byte[] Data)> chunks) => _chunks = chunks;

    public IReadOnlyList<(string Id, byte[] Data)> Chunks => _chunks;

    /// <summary>Splits a well-formed beam (not gzipped) into its chunks.</summary>
    public static BeamContainer Parse(byte[] beam)
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

        return new BeamContainer(chunks);
    }

    public static BeamContainer Fixture(string relative) => Parse(Fixtures.Beam(relative));

    public byte[] Data(string id) => _chunks.First(c => c.Id == id).Data;

    /// <summary>Replaces the data of the first chunk with <paramref name="id"/>.</summary>
    public BeamContainer With(string id, byte[] data)
    {
        int i = _chunks.FindIndex(c => c.Id == id);
        if (i < 0)
        {
            throw new ArgumentException($"no chunk {id}", nameof(id));
        }

        var copy = new List<(string, byte[])>(_chunks) { [i] = (id, data) };
        return new BeamContainer(copy);
    }

    public BeamContainer Without(string id) => new(_chunks.Where(c => c.Id != id).ToList());

    public BeamContainer Append(string id, byte[] data) => new(new List<(string, byte[])>(_chunks) { (id, data) });

    /// <summary>Absolute offset of the first <paramref name="id"/> chunk's data in <see cref="ToBytes"/>.</summary>
    public int DataOffset(string id)
    {
        int pos = 12;
        foreach (var (cid, data) in _chunks)
        {
            if (cid == id)
            {
                return pos + 8;
            }

            pos += 8 + ((data.Length + 3) & ~3);
        }

        throw new ArgumentException($"no chunk {id}", nameof(id));
    }

    /// <summary>Absolute offset of the first <paramref name="id"/> chunk's header (its id bytes).</summary>
    public int HeaderOffset(string id) => DataOffset(id) - 8;

    /// <summary>Writes the container; the form size is the true one unless <paramref name="formSize"/> overrides it.</summary>
    public byte[] ToBytes(uint? formSize = null)
    {
        var ms = new MemoryStream();
        ms.Write("FOR1"u8);
        ms.Write(new byte[4]);
        ms.Write("BEAM"u8);
        Span<byte> size = stackalloc byte[4];
        foreach (var (id, data) in _chunks)
        {
            ms.Write(Encoding.Latin1.GetBytes(id));
            BinaryPrimitives.WriteUInt32BigEndian(size, (uint)data.Length);
            ms.Write(size);
            ms.Write(data);
            ms.Write(new byte[((data.Length + 3) & ~3) - data.Length]);
        }

        byte[] bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), formSize ?? (uint)(bytes.Length - 8));
        return bytes;
    }
}
