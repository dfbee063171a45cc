using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Tests.Model;

/// <summary>A position kept as two numbers (SyntaxNode.InitPosition) answers as the annotation object would.</summary>
public sealed class SyntaxNodeAnnoTests
{
    [Fact]
    public void Position_GivesAnAnnoEqualToTheLineColumnOne()
    {
        var node = new VarExpr("X");
        node.InitPosition(12, 7);
        Assert.Equal(new Anno(12, 7), node.Anno);
        Assert.Equal(12, node.Line);
        Assert.Null(node.Anno!.ListKeys);
        Assert.False(node.Anno.Generated);
    }

    [Fact]
    public void Position_IsCopiedByWith_AndReplacedByAnno()
    {
        var node = new VarExpr("X");
        node.InitPosition(3, 4);
        var renamed = node with { Name = "Y" };
        Assert.Equal(new Anno(3, 4), renamed.Anno);

        var moved = node with { Anno = new Anno(9, 1, Generated: true) };
        Assert.Equal(new Anno(9, 1, Generated: true), moved.Anno);
        Assert.Equal(9, moved.Line);
        Assert.Equal(new Anno(3, 4), node.Anno);
    }

    [Fact]
    public void NoAnnotation_IsNullWithLineZero()
    {
        var node = new VarExpr("X");
        Assert.Null(node.Anno);
        Assert.Equal(0, node.Line);
        node.InitPosition(5, 1);
        var copy = new VarExpr("Z");
        copy.InitAnnoFrom(node);
        Assert.Equal(new Anno(5, 1), copy.Anno);
        copy.InitAnno(null);
        Assert.Null(copy.Anno);
        Assert.Equal(0, copy.Line);
    }

    [Fact]
    public void AnnoExtras_SurviveWith_AndDefaultsNormalise()
    {
        var anno = new Anno(1, 2) { ListKeys = "lg" } with { Generated = true };
        Assert.Equal("lg", anno.ListKeys);
        Assert.True(anno.Generated);
        Assert.Equal(new Anno(1, 2), new Anno(1, 2, Generated: true) with { Generated = false });
    }
}
