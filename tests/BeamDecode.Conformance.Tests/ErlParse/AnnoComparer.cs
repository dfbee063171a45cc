using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using BeamDecode.Syntax;

namespace BeamDecode.Conformance.Tests.ErlParse;

/// <summary>
/// Compares the annotations (line and column) of two structurally equal trees node by node, walking every node
/// property and list of the model by reflection (test code: clarity over speed). Returns the path of the first
/// difference, or null.
/// </summary>
public static class AnnoComparer
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static string? FirstDifference(object? expected, object? actual, string path = "")
    {
        switch (expected)
        {
            case null:
                return actual is null ? null : $"{path}: null vs {actual.GetType().Name}";
            case SyntaxNode a when actual is SyntaxNode b:
            {
                if (a.GetType() != b.GetType())
                {
                    return $"{path}: {a.GetType().Name} vs {b.GetType().Name}";
                }

                string here = $"{path}/{a.GetType().Name}";
                if ((a.Anno?.Line ?? 0) != (b.Anno?.Line ?? 0) || (a.Anno?.Column ?? 0) != (b.Anno?.Column ?? 0))
                {
                    return $"{here}: anno {a.Anno?.Line}:{a.Anno?.Column} vs {b.Anno?.Line}:{b.Anno?.Column}";
                }

                foreach (var p in Properties.GetOrAdd(a.GetType(), NodeProperties))
                {
                    if (FirstDifference(p.GetValue(a), p.GetValue(b), $"{here}.{p.Name}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }

            case string:
                return null;
            case IEnumerable xs when actual is IEnumerable ys:
            {
                var ea = xs.Cast<object?>().ToList();
                var eb = ys.Cast<object?>().ToList();
                if (ea.Count != eb.Count)
                {
                    return $"{path}: {ea.Count} vs {eb.Count} items";
                }

                for (int i = 0; i < ea.Count; i++)
                {
                    if (ea[i] is not (SyntaxNode or IEnumerable) || ea[i] is string)
                    {
                        continue;
                    }

                    if (FirstDifference(ea[i], eb[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }

            default:
                return null;
        }
    }

    private static PropertyInfo[] NodeProperties(Type t) =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name is not ("Anno" or "Line" or "EqualityContract")
                && (typeof(SyntaxNode).IsAssignableFrom(p.PropertyType) || (typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string))
                    || Nullable.GetUnderlyingType(p.PropertyType) is { } u && typeof(IEnumerable).IsAssignableFrom(u)))];
}
