using System.Globalization;
using System.Linq;
using System.Text;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Tests.Formats.Dockerfile;

/// <summary>
/// Writes a parsed document in the format of BuildKit's <c>Node.Dump()</c> (one <c>(keyword [flags] "arg"…)</c> per
/// instruction) so that our model can be compared with the <c>result</c> files of BuildKit's parser corpus.
/// </summary>
internal static class BuildKitDump
{
    public static string Dump(DockerfileDocument document)
    {
        var builder = new StringBuilder();
        foreach (var instruction in document.Instructions) builder.Append('(').Append(DumpNode(instruction)).Append(")\n");
        return builder.ToString();
    }

    private static string DumpNode(DockerInstruction instruction)
    {
        var builder = new StringBuilder(instruction.Keyword.ToLowerInvariant());
        if (instruction.Flags.Count > 0)
        {
            var flags = instruction.Flags.Select(f => GoQuote("--" + f.Name + (f.Value is null ? "" : "=" + f.Value)));
            builder.Append(" [").Append(string.Join(" ", flags)).Append(']');
        }

        switch (instruction.Keyword)
        {
            case "ONBUILD":
                if (instruction.Trigger is not null) builder.Append(" (").Append(DumpNode(instruction.Trigger)).Append(')');
                break;
            case "ENV":
            case "LABEL":
                AppendKeyValueNodes(instruction, builder);
                break;
            default:
                // BuildKit's parser drops the arguments of instructions it does not know.
                if (InstructionParser.IsKnownKeyword(instruction.Keyword))
                    foreach (var argument in instruction.Arguments) builder.Append(' ').Append(GoQuote(argument.Value));
                break;
        }
        return builder.ToString().Trim();
    }

    /// <summary>
    /// BuildKit keeps ENV/LABEL values as written: key, raw value and separator ("=" or "" for the legacy
    /// <c>KEY value</c> form). Our arguments hold the raw <c>key=value</c> words, or key and value in the legacy form.
    /// </summary>
    private static void AppendKeyValueNodes(DockerInstruction instruction, StringBuilder builder)
    {
        var arguments = instruction.Arguments;
        bool legacy = arguments.Count == 2 && instruction.KeyValues.Count == 1 && arguments[0].Value.IndexOf('=') < 0;
        if (legacy)
        {
            builder.Append(' ').Append(GoQuote(arguments[0].Value)).Append(' ').Append(GoQuote(arguments[1].Value)).Append(" \"\"");
            return;
        }
        foreach (var word in arguments)
        {
            int equals = word.Value.IndexOf('=');
            builder.Append(' ').Append(GoQuote(word.Value.Substring(0, equals)))
                .Append(' ').Append(GoQuote(word.Value.Substring(equals + 1)))
                .Append(" \"=\"");
        }
    }

    /// <summary>Go's strconv.Quote for the characters Dockerfiles contain.</summary>
    private static string GoQuote(string value)
    {
        var builder = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            int codePoint = char.IsSurrogatePair(value, i) ? char.ConvertToUtf32(value, i) : value[i];
            if (codePoint > 0xFFFF) i++;
            switch (codePoint)
            {
                case '"': builder.Append("\\\""); continue;
                case '\\': builder.Append("\\\\"); continue;
                case '\a': builder.Append("\\a"); continue;
                case '\b': builder.Append("\\b"); continue;
                case '\f': builder.Append("\\f"); continue;
                case '\n': builder.Append("\\n"); continue;
                case '\r': builder.Append("\\r"); continue;
                case '\t': builder.Append("\\t"); continue;
                case '\v': builder.Append("\\v"); continue;
            }
            if (codePoint < 0x20 || codePoint == 0x7F) builder.Append("\\x").Append(codePoint.ToString("x2", CultureInfo.InvariantCulture));
            else if (IsPrintable(codePoint)) builder.Append(char.ConvertFromUtf32(codePoint));
            else if (codePoint < 0x10000) builder.Append("\\u").Append(codePoint.ToString("x4", CultureInfo.InvariantCulture));
            else builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
        }
        return builder.Append('"').ToString();
    }

    private static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ') return true;
        if (codePoint >= 0xD800 && codePoint <= 0xDFFF) return false;
        switch (CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
                return false;
            default:
                return true;
        }
    }
}
