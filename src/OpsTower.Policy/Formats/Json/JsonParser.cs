using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Json;

/// <summary>
/// Reads JSON (RFC 8259, plus <c>//</c> and <c>/* */</c> comments as JSONC files have) into positioned nodes. It keeps
/// its own stack of open containers, so deep nesting costs heap, not call stack; past <see cref="MaxDepth"/> it stops
/// with a diagnostic.
/// </summary>
public static class JsonParser
{
    public const int MaxDepth = 1000;

    public static JsonFile Parse(SourceFile file)
    {
        var reader = new Reader(file.Text);
        JsonNode? root = null;
        try
        {
            root = reader.ParseDocument();
        }
        catch (JsonSyntaxException e)
        {
            return new JsonFile(file, null, new[] { new ParseDiagnostic(DiagnosticSeverity.Error, $"Invalid JSON: {e.Message}", new TextSpan(e.Offset, 0)) });
        }
        return new JsonFile(file, root, Array.Empty<ParseDiagnostic>());
    }

    private sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, int offset) : base(message) => Offset = offset;

        public int Offset { get; }
    }

    private sealed class Frame
    {
        public Frame(bool isObject, int start)
        {
            IsObject = isObject;
            Start = start;
        }

        public bool IsObject { get; }
        public int Start { get; }
        public List<JsonProperty> Properties { get; } = new();
        public List<JsonNode> Items { get; } = new();

        /// <summary>The name waiting for its value, in an object.</summary>
        public string? PendingName { get; set; }

        public TextSpan PendingNameSpan { get; set; }
    }

    private sealed class Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text)
        {
            _text = text;
            // A byte-order mark is not content.
            if (text.Length > 0 && text[0] == '\uFEFF') _position = 1;
        }

        public JsonNode? ParseDocument()
        {
            SkipTrivia();
            if (_position >= _text.Length) return null;
            var stack = new Stack<Frame>();
            JsonNode? completed = null;
            while (true)
            {
                SkipTrivia();
                if (stack.Count > 0)
                {
                    var frame = stack.Peek();
                    bool empty = frame.IsObject ? frame.Properties.Count == 0 && frame.PendingName is null : frame.Items.Count == 0;
                    char close = frame.IsObject ? '}' : ']';
                    if (Peek() == close && empty)
                    {
                        _position++;
                        completed = Close(stack.Pop());
                    }
                    else if (frame.IsObject && frame.PendingName is null)
                    {
                        if (Peek() != '"') throw Error("expected a property name in double quotes");
                        int nameStart = _position;
                        string name = ReadString();
                        frame.PendingName = name;
                        frame.PendingNameSpan = TextSpan.FromBounds(nameStart, _position);
                        SkipTrivia();
                        Expect(':');
                        continue;
                    }
                }

                if (completed is null)
                {
                    SkipTrivia();
                    char c = Peek();
                    if (c is '{' or '[')
                    {
                        if (stack.Count >= MaxDepth) throw Error($"nested more than {MaxDepth} levels deep");
                        stack.Push(new Frame(c == '{', _position));
                        _position++;
                        continue;
                    }
                    completed = ReadScalar();
                }

                // A value is complete: attach it to its container and read the separator after it.
                while (completed is not null)
                {
                    if (stack.Count == 0)
                    {
                        SkipTrivia();
                        if (_position < _text.Length) throw Error("unexpected text after the JSON value");
                        return completed;
                    }
                    var parent = stack.Peek();
                    if (parent.IsObject)
                    {
                        parent.Properties.Add(new JsonProperty(parent.PendingName!, parent.PendingNameSpan, completed));
                        parent.PendingName = null;
                    }
                    else parent.Items.Add(completed);
                    completed = null;

                    SkipTrivia();
                    char separator = Peek();
                    if (separator == ',')
                    {
                        _position++;
                        break;
                    }
                    if (separator == (parent.IsObject ? '}' : ']'))
                    {
                        _position++;
                        completed = Close(stack.Pop());
                        continue;
                    }
                    throw Error(parent.IsObject ? "expected ',' or '}'" : "expected ',' or ']'");
                }
            }
        }

        private JsonNode Close(Frame frame)
        {
            var span = TextSpan.FromBounds(frame.Start, _position);
            return frame.IsObject ? new JsonObject(span, frame.Properties) : new JsonArray(span, frame.Items);
        }

        private JsonScalar ReadScalar()
        {
            int start = _position;
            char c = Peek();
            if (c == '"')
            {
                string value = ReadString();
                return new JsonScalar(JsonScalarKind.String, value, TextSpan.FromBounds(start, _position));
            }
            if (c == '-' || (c >= '0' && c <= '9'))
            {
                _position++;
                while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E' or '+' or '-')) _position++;
                string number = _text.Substring(start, _position - start);
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) throw Error($"'{number}' is not a number", start);
                return new JsonScalar(JsonScalarKind.Number, number, TextSpan.FromBounds(start, _position));
            }
            foreach (var (word, kind) in new[] { ("true", JsonScalarKind.True), ("false", JsonScalarKind.False), ("null", JsonScalarKind.Null) })
            {
                if (string.CompareOrdinal(_text, _position, word, 0, word.Length) == 0)
                {
                    _position += word.Length;
                    return new JsonScalar(kind, word, TextSpan.FromBounds(start, _position));
                }
            }
            throw Error(_position >= _text.Length ? "unexpected end of the text" : $"unexpected '{c}'");
        }

        private string ReadString()
        {
            int start = _position;
            _position++;
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= _text.Length) throw Error("unterminated string", start);
                char c = _text[_position++];
                if (c == '"') return value.ToString();
                if (c == '\n') throw Error("line break in a string", _position - 1);
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }
                if (_position >= _text.Length) throw Error("unterminated string", start);
                char escape = _text[_position++];
                switch (escape)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case '/': value.Append('/'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                            throw Error("bad \\u escape", _position - 2);
                        value.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw Error($"unknown escape '\\{escape}'", _position - 2);
                }
            }
        }

        private void SkipTrivia()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c is ' ' or '\t' or '\r' or '\n') _position++;
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                {
                    int end = _text.IndexOf('\n', _position);
                    _position = end < 0 ? _text.Length : end + 1;
                }
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
                {
                    int end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    if (end < 0) throw Error("unterminated comment");
                    _position = end + 2;
                }
                else return;
            }
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c) throw Error($"expected '{c}'");
            _position++;
        }

        private JsonSyntaxException Error(string message, int? offset = null) => new(message, Math.Min(offset ?? _position, _text.Length));
    }
}
