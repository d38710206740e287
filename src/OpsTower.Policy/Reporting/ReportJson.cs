using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpsTower.Policy.Reporting;

/// <summary>How every report is written: UTF-8 without a BOM, two-space indents and <c>\n</c> line ends on every platform, ending with a line end.</summary>
internal static class ReportJson
{
    public static void Write(Stream output, Action<Utf8JsonWriter> write)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        var options = new JsonWriterOptions
        {
            Indented = true,
            // Messages and Markdown help are full of < > & ' which need no escaping outside HTML; the reports are not HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
#if NET9_0_OR_GREATER
            NewLine = "\n",
#endif
        };
#if NET9_0_OR_GREATER
        using (var writer = new Utf8JsonWriter(output, options)) write(writer);
        output.WriteByte((byte)'\n');
#else
        // Older writers end lines with Environment.NewLine. A raw CR byte can only be one of those (CRs inside strings
        // are escaped as \r), so dropping them all gives "\n" line ends without touching any value.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options)) write(writer);
        byte[] bytes = buffer.ToArray();
        int length = 0;
        foreach (byte b in bytes)
        {
            if (b != (byte)'\r') bytes[length++] = b;
        }
        output.Write(bytes, 0, length);
        output.WriteByte((byte)'\n');
#endif
    }

    public static string ToJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        Write(buffer, write);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
