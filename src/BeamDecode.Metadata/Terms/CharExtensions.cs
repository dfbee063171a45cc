namespace BeamDecode.Metadata.Terms;

internal static class CharExtensions
{
    extension(char)
    {
        /// <summary>Reads one code point at <paramref name="index"/> and advances past it; a lone surrogate is read as itself.</summary>
        public static int ConvertToUtf32OrSelf(string s, ref int index)
        {
            char c = s[index];
            if (char.IsHighSurrogate(c) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
            {
                int cp = char.ConvertToUtf32(c, s[index + 1]);
                index += 2;
                return cp;
            }

            index++;
            return c;
        }
    }
}
