using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

// Comma-separated items (arguments, patterns, list and tuple elements, ...), laid out by one algorithm over a struct
// that says how to measure and write item i. A struct per kind of item, not a set of delegates: the delegates and
// their closure were allocated for every list printed, 40 MB over the OTP tree.
public sealed partial class ErlangPrinter
{
    private interface IItemLayout
    {
        int Count { get; }

        /// <summary>Whether <see cref="LineOf"/> answers (for --keep-lines).</summary>
        bool HasLines { get; }

        /// <summary>Item i's one-line width, or -1 when it has none (or none is known).</summary>
        int FlatLength(int i);

        void WriteFlat(int i);

        void Emit(int i);

        int LineOf(int i);
    }

    /// <summary>Items filling the line while they fit and the one before was one line (as erl_pp's {seq,...} does);
    /// an item that does not fit, or has several lines, starts a new line at <paramref name="col"/>.</summary>
    private void EmitItemsFlat<T>(ref T items, int col)
        where T : struct, IItemLayout
    {
        bool previousFlat = true;
        int count = items.Count;
        for (int i = 0; i < count; i++)
        {
            int length = items.FlatLength(i);
            if (i == 0 && _options.KeepLines && items.HasLines && items.LineOf(0) > _w.Line)
            {
                // The first item started a line of its own (a fun passed to spawn, say).
                NewLineTowards(items.LineOf(0), col);
            }
            else if (i > 0 && _options.KeepLines && items.HasLines)
            {
                _w.Write(',');
                NewLineTowards(items.LineOf(i), col);
            }
            else if (i > 0)
            {
                _w.Write(',');
                if (length >= 0 && previousFlat && _w.Column + 1 + length + 1 <= Width)
                {
                    _w.Write(' ');
                }
                else
                {
                    Break(col);
                }
            }

            int line = _w.Line;
            if (length >= 0 && Fits(length))
            {
                items.WriteFlat(i);
            }
            else
            {
                items.Emit(i);
            }

            previousFlat = length >= 0 && _w.Line == line;
        }
    }

    /// <summary>Expressions in a context of precedence <c>prec</c>.</summary>
    private readonly struct ExprItems(ErlangPrinter printer, IReadOnlyList<Expr> items, int prec) : IItemLayout
    {
        public int Count => items.Count;

        public bool HasLines => true;

        public int FlatLength(int i) => printer.FlatLength(items[i], prec);

        public void WriteFlat(int i) => printer.WriteFlat(items[i], prec, printer._w);

        public void Emit(int i) => printer.Emit(items[i], prec);

        public int LineOf(int i) => items[i].Line;
    }

    /// <summary>Items given by delegates, for the rarer kinds (map associations, binary elements, qualifiers, and
    /// texts built as strings).</summary>
    private readonly struct DelegateItems(int count, Action<int> emit, Func<int, int>? flatLength, Action<int> writeFlat, Func<int, int>? lineOf) : IItemLayout
    {
        public int Count => count;

        public bool HasLines => lineOf is not null;

        public int FlatLength(int i) => flatLength?.Invoke(i) ?? -1;

        public void WriteFlat(int i) => writeFlat(i);

        public void Emit(int i) => emit(i);

        public int LineOf(int i) => lineOf!(i);
    }
}
