using BeamDecode.Metadata.Chunks;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>
/// Decodes everything a host can ask of a module (the container, then every table, the md5 and the info
/// summary), collecting the <see cref="BadBeamFormatException"/>s. Any other exception escapes and fails the test.
/// </summary>
internal static class Hostile
{
    public static List<BadBeamFormatException> DecodeAll(byte[] bytes)
    {
        var errors = new List<BadBeamFormatException>();
        BeamFile beam;
        try
        {
            beam = BeamFile.Read(bytes);
        }
        catch (BadBeamFormatException e)
        {
            errors.Add(e);
            return errors;
        }

        Try(errors, () => beam.Atoms);
        Try(errors, () => beam.ModuleName);
        Try(errors, () => beam.Code);
        Try(errors, () => beam.Imports);
        Try(errors, () => beam.Exports);
        Try(errors, () => beam.Locals);
        Try(errors, () => beam.Lambdas);
        Try(errors, () => beam.Literals);
        Try(errors, () => beam.Lines);
        Try(errors, () => beam.Types);
        Try(errors, () => beam.Attributes);
        Try(errors, () => beam.CompileInfo);
        Try(errors, () => beam.DebugInfo);
        Try(errors, () => beam.DebugInfo.Payload);
        Try(errors, () => ModuleMd5.TryCompute(beam, out _));
        Try(errors, () => AttributeList.Merge(beam.Attributes));
        Try(errors, () => ModuleSummary.From("hostile.beam", beam));
        return errors;
    }

    /// <summary>
    /// Asserts that decoding fails with <paramref name="id"/> at <paramref name="offset"/>, that nothing but
    /// <see cref="BadBeamFormatException"/> escapes, and that every reported offset lies within the file image.
    /// </summary>
    public static BadBeamFormatException AssertRejected(byte[] bytes, string id, long offset)
    {
        var errors = DecodeAll(bytes);
        Assert.True(errors.Count > 0, $"expected {id} at offset {offset}, but the module decoded without error");
        var match = errors.FirstOrDefault(e => e.Id == id);
        Assert.True(match is not null, $"expected {id}, got: {string.Join("; ", errors.Select(e => e.Describe()))}");
        Assert.True(match.Offset == offset, $"expected {id} at offset {offset}, got: {match.Describe()}");
        AssertPlausible(errors, ImageLength(bytes));
        return match;
    }

    public static void AssertPlausible(IEnumerable<BadBeamFormatException> errors, long imageLength)
    {
        foreach (var e in errors)
        {
            Assert.True(e.Offset >= 0 && e.Offset <= imageLength, $"offset outside the {imageLength}-byte image: {e.Describe()}");
            Assert.StartsWith("BD0", e.Id, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    private static long ImageLength(byte[] bytes)
    {
        try
        {
            return BeamFile.Read(bytes).Image.Length;
        }
        catch (BadBeamFormatException)
        {
            return bytes.Length;
        }
    }

    private static void Try<T>(List<BadBeamFormatException> errors, Func<T> decode)
    {
        try
        {
            _ = decode();
        }
        catch (BadBeamFormatException e)
        {
            errors.Add(e);
        }
    }
}
