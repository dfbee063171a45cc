using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.Baselines;

/// <summary>
/// A function's code made independent of where it sits in its module, so that the same function compiled into a
/// module that changed elsewhere keeps its fingerprint: line, executable_line and debug_line instructions are
/// dropped (line numbers move when code above moves); labels defined in the function are renumbered from 1 in
/// order of appearance; a label in another function becomes that function's name/arity; atoms, literals, imports
/// and funs are written by value, not by their index in the module's tables. One instruction per line.
/// </summary>
public static class CodeFingerprint
{
    public static (string Text, string Fingerprint, int Instructions) Normalize(AsmModule module, AsmFunction function)
    {
        var local = new Dictionary<int, int>();
        foreach (var instruction in function.Instructions)
        {
            if (instruction.DefinedLabel is { } defined)
            {
                local[defined] = local.Count + 1;
            }
        }

        var sb = new StringBuilder(function.Instructions.Length * 24);
        int count = 0;
        foreach (var instruction in function.Instructions)
        {
            if (instruction.Opcode.Number is OpcodeNumbers.Line or OpcodeNumbers.ExecutableLine or OpcodeNumbers.DebugLine)
            {
                continue;
            }

            count++;
            sb.Append(instruction.Name);
            for (int i = 0; i < instruction.Operands.Length; i++)
            {
                sb.Append(i == 0 ? ' ' : ',');
                if (i == 0 && instruction.DefinedLabel is { } defined)
                {
                    sb.Append('L').Append(local[defined]);
                }
                else
                {
                    Append(sb, instruction.Operands[i], module, local);
                }
            }

            sb.Append('\n');
        }

        string text = sb.ToString();
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return (text, Convert.ToHexStringLower(hash.AsSpan(0, 16)), count);
    }

    private static void Append(StringBuilder sb, Operand operand, AsmModule module, Dictionary<int, int> local)
    {
        switch (operand)
        {
            case XRegister x:
                sb.Append('x').Append(x.Index);
                break;
            case YRegister y:
                sb.Append('y').Append(y.Index);
                break;
            case FloatRegister f:
                sb.Append("fr").Append(f.Index);
                break;
            case TypedRegister t:
                Append(sb, t.Register, module, local);
                sb.Append('/').Append(t.Type?.ToString() ?? "any");
                break;
            case AtomOperand a:
                sb.Append(TermWriter.Write(a.Atom));
                break;
            case NilOperand:
                sb.Append("[]");
                break;
            case IntegerOperand n:
                sb.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case UnsignedOperand u:
                sb.Append(u.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case LabelOperand { Label: 0 }:
                sb.Append("f0");
                break;
            case LabelOperand l when local.TryGetValue(l.Label, out int relative):
                sb.Append('L').Append(relative);
                break;
            case LabelOperand l:
                sb.Append(module.FunctionAt(l.Label) is { } target ? $"fun:{TermWriter.Write(target.Name)}/{target.Arity}" : "L?" + l.Label.ToString(CultureInfo.InvariantCulture));
                break;
            case CharOperand c:
                sb.Append("$").Append(c.CodePoint.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatOperand d:
                sb.Append(d.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case LiteralOperand lit:
                sb.Append("lit:").Append(TermWriter.Write(lit.Value));
                break;
            case ListOperand list:
                sb.Append('[');
                for (int i = 0; i < list.Items.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Append(sb, list.Items[i], module, local);
                }

                sb.Append(']');
                break;
            case ImportOperand import:
                sb.Append("ext:").Append(import.Import.ToString());
                break;
            case LambdaOperand fun:
                sb.Append("lambda:").Append(TermWriter.Write(fun.Lambda.Function)).Append('/').Append(fun.Lambda.Arity).Append('+').Append(fun.Lambda.NumFree);
                break;
            case StringOperand s:
                sb.Append("str:").Append(Convert.ToHexStringLower(s.Bytes.AsSpan()));
                break;
            case AllocListOperand alloc:
                foreach (var item in alloc.Items)
                {
                    sb.Append(item.Kind).Append(':').Append(item.Count).Append(';');
                }

                break;
            case LocationOperand:
                sb.Append("loc");
                break;
            default:
                sb.Append(operand.ToString());
                break;
        }
    }
}
