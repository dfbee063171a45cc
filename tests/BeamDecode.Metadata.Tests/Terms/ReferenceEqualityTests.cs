using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Tests.Terms;

public sealed class ReferenceEqualityTests
{
    private static readonly AtomTerm Node = new("nonode@nohost");

    [Fact]
    public void Equals_ShortAndZeroPaddedIds_AreExactlyEqualAsInErts()
    {
        var one = new ReferenceTerm(Node, 0, [1]);
        var three = new ReferenceTerm(Node, 0, [1, 0, 0]);
        Assert.True(one.Equals(three));
        Assert.Equal(one.GetHashCode(), three.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentHighWord_AreNotEqual()
    {
        Assert.False(new ReferenceTerm(Node, 0, [1, 0, 2]).Equals(new ReferenceTerm(Node, 0, [1])));
    }
}
