using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>What BuildKit's <c>parseJSON</c> makes of an instruction's arguments.</summary>
internal enum JsonArrayOutcome
{
    /// <summary>Not a JSON array (or not valid JSON): BuildKit falls back to the shell form.</summary>
    NotJson,

    /// <summary>Valid JSON, but an element is not a string: BuildKit rejects the instruction.</summary>
    NotStringArray,

    StringArray,
}

/// <summary>One top-level string of the array: decoded value and the index range of its literal (quotes included).</summary>
internal readonly struct JsonArrayElement
{
    public JsonArrayElement(string value, int start, int end)
    {
        Value = value;
        Start = start;
        End = end;
    }

    public string Value { get; }
    public int Start { get; }
    public int End { get; }
}

/// <summary>
/// Validates and reads a JSON array the way Go's <c>encoding/json</c> does for BuildKit (including its nesting limit),
/// without recursion so that deeply nested input cannot overflow the stack.
/// </summary>
internal static class JsonArrayReader
{
    // encoding/json's maxNestingDepth: deeper input is a syntax error, so BuildKit then treats it as shell form.
    private const int MaxNestingDepth = 10000;

    public static JsonArrayOutcome Read(string text, int start, int end, List<JsonArrayElement> elements)
    {
        elements.Clear();
        int i = start;
        while (i < end && char.IsWhiteSpace(text[i])) i++;
        if (i >= end || text[i] != '[') return JsonArrayOutcome.NotJson;

        var containers = new Stack<char>();
        bool allStrings = true;
        bool expectValue = true;
        while (true)
        {
            if (expectValue)
            {
                i = SkipJsonWhiteSpace(text, i, end);
                if (i >= end) return JsonArrayOutcome.NotJson;
                bool isTopLevelElement = containers.Count == 1 && containers.Peek() == '[';
                char c = text[i];
                if (c == '[' || c == '{')
                {
                    if (isTopLevelElement) allStrings = false;
                    if (containers.Count + 1 > MaxNestingDepth) return JsonArrayOutcome.NotJson;
                    containers.Push(c);
                    i = SkipJsonWhiteSpace(text, i + 1, end);
                    if (i < end && text[i] == (c == '[' ? ']' : '}'))
                    {
                        containers.Pop();
                        i++;
                    }
                    else if (c == '{')
                    {
                        if (!TryReadMemberName(text, ref i, end)) return JsonArrayOutcome.NotJson;
                        continue;
                    }
                    else
                    {
                        continue;
                    }
                }
                else if (c == '"')
                {
                    int literalStart = i;
                    if (!TryReadString(text, ref i, end, out string value)) return JsonArrayOutcome.NotJson;
                    if (isTopLevelElement) elements.Add(new JsonArrayElement(value, literalStart, i));
                }
                else
                {
                    if (!TrySkipLiteralOrNumber(text, ref i, end)) return JsonArrayOutcome.NotJson;
                    if (isTopLevelElement) allStrings = false;
                }
                expectValue = false;
            }

            i = SkipJsonWhiteSpace(text, i, end);
            if (containers.Count == 0)
            {
                if (i != end) return JsonArrayOutcome.NotJson;
                return allStrings ? JsonArrayOutcome.StringArray : JsonArrayOutcome.NotStringArray;
            }
            if (i >= end) return JsonArrayOutcome.NotJson;
            char top = containers.Peek();
            char next = text[i];
            if (next == ',')
            {
                i++;
                if (top == '{' && !TryReadMemberName(text, ref i, end)) return JsonArrayOutcome.NotJson;
                expectValue = true;
            }
            else if ((top == '[' && next == ']') || (top == '{' && next == '}'))
            {
                containers.Pop();
                i++;
            }
            else
            {
                return JsonArrayOutcome.NotJson;
            }
        }
    }

    private static int SkipJsonWhiteSpace(string text, int i, int end)
    {
        while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) i++;
        return i;
    }

    /// <summary>Reads <c>"name" :</c>, leaving <paramref name="i"/> before the member's value.</summary>
    private static bool TryReadMemberName(string text, ref int i, int end)
    {
        i = SkipJsonWhiteSpace(text, i, end);
        if (i >= end || text[i] != '"' || !TryReadString(text, ref i, end, out _)) return false;
        i = SkipJsonWhiteSpace(text, i, end);
        if (i >= end || text[i] != ':') return false;
        i++;
        return true;
    }

    private static bool TryReadString(string text, ref int i, int end, out string value)
    {
        value = "";
        var builder = new StringBuilder();
        i++; // opening quote
        while (i < end)
        {
            char c = text[i];
            if (c == '"')
            {
                i++;
                value = builder.ToString();
                return true;
            }
            if (c < 0x20) return false;
            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= end) return false;
            char escaped = text[i + 1];
            i += 2;
            switch (escaped)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (!TryReadHex4(text, i, end, out int unit)) return false;
                    i += 4;
                    AppendUtf16Unit(text, ref i, end, unit, builder);
                    break;
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Go decodes a surrogate pair written as two escapes, and turns a lone surrogate into U+FFFD.</summary>
    private static void AppendUtf16Unit(string text, ref int i, int end, int unit, StringBuilder builder)
    {
        if (unit >= 0xD800 && unit <= 0xDBFF
            && i + 6 <= end && text[i] == '\\' && text[i + 1] == 'u'
            && TryReadHex4(text, i + 2, end, out int low) && low >= 0xDC00 && low <= 0xDFFF)
        {
            builder.Append((char)unit).Append((char)low);
            i += 6;
            return;
        }
        builder.Append(unit >= 0xD800 && unit <= 0xDFFF ? '\uFFFD' : (char)unit);
    }

    private static bool TryReadHex4(string text, int i, int end, out int value)
    {
        value = 0;
        if (i + 4 > end) return false;
        return int.TryParse(text.Substring(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static bool TrySkipLiteralOrNumber(string text, ref int i, int end)
    {
        foreach (string literal in new[] { "true", "false", "null" })
        {
            if (i + literal.Length <= end && string.CompareOrdinal(text, i, literal, 0, literal.Length) == 0)
            {
                i += literal.Length;
                return true;
            }
        }

        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        if (i < end && text[i] == '-') i++;
        if (i >= end || !IsAsciiDigit(text[i])) return false;
        if (text[i] == '0') i++;
        else while (i < end && IsAsciiDigit(text[i])) i++;
        if (i < end && text[i] == '.')
        {
            i++;
            if (i >= end || !IsAsciiDigit(text[i])) return false;
            while (i < end && IsAsciiDigit(text[i])) i++;
        }
        if (i < end && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < end && (text[i] == '+' || text[i] == '-')) i++;
            if (i >= end || !IsAsciiDigit(text[i])) return false;
            while (i < end && IsAsciiDigit(text[i])) i++;
        }
        return true;
    }

    private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';
}
