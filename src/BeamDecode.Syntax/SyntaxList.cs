using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace BeamDecode.Syntax;

/// <summary>
/// An immutable list of nodes with structural equality (ImmutableArray compares by reference), so that records
/// holding lists compare by content.
/// </summary>
[CollectionBuilder(typeof(SyntaxList), nameof(SyntaxList.Create))]
public readonly struct SyntaxList<T> : IEquatable<SyntaxList<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    public SyntaxList(ImmutableArray<T> items) => _items = items.IsDefault ? ImmutableArray<T>.Empty : items;

    public SyntaxList(IEnumerable<T> items) => _items = [.. items];

    public static SyntaxList<T> Empty => new(ImmutableArray<T>.Empty);

    public int Count => _items.IsDefault ? 0 : _items.Length;

    public T this[int index] => _items[index];

    public ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public static implicit operator SyntaxList<T>(ImmutableArray<T> items) => new(items);

    public static implicit operator SyntaxList<T>(T[] items) => new(ImmutableArray.Create(items));

    public static bool operator ==(SyntaxList<T> left, SyntaxList<T> right) => left.Equals(right);

    public static bool operator !=(SyntaxList<T> left, SyntaxList<T> right) => !left.Equals(right);

    public bool Equals(SyntaxList<T> other)
    {
        var a = Items;
        var b = other.Items;
        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is SyntaxList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Count);
        foreach (var item in Items)
        {
            h.Add(item);
        }

        return h.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();
}

/// <summary>Builds <see cref="SyntaxList{T}"/> from collection expressions (<c>[a, b]</c>).</summary>
public static class SyntaxList
{
    public static SyntaxList<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));
}
