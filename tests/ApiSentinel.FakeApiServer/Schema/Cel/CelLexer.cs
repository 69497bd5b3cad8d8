using System.Globalization;
using System.Text;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// Splits a CEL expression into tokens (cel-spec's lexical grammar): decimal and hex ints, <c>u</c>-suffixed uints,
/// doubles, single/double/triple-quoted strings with escapes, raw (<c>r</c>) and bytes (<c>b</c>) prefixes, and
/// <c>//</c> comments.
/// </summary>
internal sealed class CelLexer(string source)
{
    private static readonly string[] Symbols =
        ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}"];

    private int _pos;

    public static List<CelToken> Tokenize(string source)
    {
        var lexer = new CelLexer(source);
        var tokens = new List<CelToken>();
        CelToken token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != CelTokenKind.End);
        return tokens;
    }

    private CelToken Next()
    {
        SkipSpaceAndComments();
        if (_pos >= source.Length)
        {
            return new CelToken(CelTokenKind.End, "", null, _pos);
        }
        var start = _pos;
        var c = source[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < source.Length && char.IsAsciiDigit(source[_pos + 1])))
        {
            return Number(start);
        }
        if (c is '"' or '\'')
        {
            return new CelToken(CelTokenKind.String, "", ReadString(raw: false), start);
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            // String prefixes: r/R raw, b/B bytes, in either order.
            var prefixEnd = _pos;
            while (prefixEnd < source.Length && prefixEnd - _pos < 2 && source[prefixEnd] is 'r' or 'R' or 'b' or 'B')
            {
                prefixEnd++;
            }
            if (prefixEnd > _pos && prefixEnd < source.Length && source[prefixEnd] is '"' or '\'')
            {
                var prefix = source[_pos..prefixEnd].ToUpperInvariant();
                if (prefix is "R" or "B" or "RB" or "BR")
                {
                    _pos = prefixEnd;
                    var text = ReadString(raw: prefix.Contains('R', StringComparison.Ordinal));
                    return prefix.Contains('B', StringComparison.Ordinal)
                        ? new CelToken(CelTokenKind.Bytes, "", Encoding.UTF8.GetBytes(text), start)
                        : new CelToken(CelTokenKind.String, "", text, start);
                }
            }
            while (_pos < source.Length && (char.IsAsciiLetterOrDigit(source[_pos]) || source[_pos] == '_'))
            {
                _pos++;
            }
            var word = source[start.._pos];
            return word switch
            {
                "true" => new CelToken(CelTokenKind.True, word, true, start),
                "false" => new CelToken(CelTokenKind.False, word, false, start),
                "null" => new CelToken(CelTokenKind.Null, word, null, start),
                "in" => new CelToken(CelTokenKind.In, word, null, start),
                _ => new CelToken(CelTokenKind.Identifier, word, null, start),
            };
        }
        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(source, _pos, symbol, 0, symbol.Length) == 0)
            {
                _pos += symbol.Length;
                return new CelToken(CelTokenKind.Symbol, symbol, null, start);
            }
        }
        throw Error($"Syntax error: token recognition error at: '{c}'", start);
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < source.Length)
        {
            if (char.IsWhiteSpace(source[_pos]))
            {
                _pos++;
            }
            else if (source[_pos] == '/' && _pos + 1 < source.Length && source[_pos + 1] == '/')
            {
                while (_pos < source.Length && source[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private CelToken Number(int start)
    {
        if (source[_pos] == '0' && _pos + 1 < source.Length && source[_pos + 1] is 'x' or 'X')
        {
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < source.Length && char.IsAsciiHexDigit(source[_pos]))
            {
                _pos++;
            }
            var hex = source[digitsStart.._pos];
            if (!ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h))
            {
                throw Error("invalid int literal", start);
            }
            return IntegerToken(start, h);
        }
        var isDouble = false;
        while (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
        {
            _pos++;
        }
        if (_pos < source.Length && source[_pos] == '.' && _pos + 1 < source.Length && char.IsAsciiDigit(source[_pos + 1]))
        {
            isDouble = true;
            _pos++;
            while (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
            {
                _pos++;
            }
        }
        if (_pos < source.Length && source[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < source.Length && source[_pos] is '+' or '-')
            {
                _pos++;
            }
            if (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
            {
                isDouble = true;
                while (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }
        var text = source[start.._pos];
        if (isDouble)
        {
            return new CelToken(CelTokenKind.Double, text, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), start);
        }
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("invalid int literal", start);
        }
        return IntegerToken(start, value);
    }

    /// <summary>An int literal keeps its magnitude as a ulong so the parser can fold <c>-9223372036854775808</c>.</summary>
    private CelToken IntegerToken(int start, ulong magnitude)
    {
        if (_pos < source.Length && source[_pos] is 'u' or 'U')
        {
            _pos++;
            return new CelToken(CelTokenKind.Uint, source[start.._pos], magnitude, start);
        }
        return new CelToken(CelTokenKind.Int, source[start.._pos], magnitude, start);
    }

    private string ReadString(bool raw)
    {
        var quote = source[_pos];
        var triple = _pos + 2 < source.Length && source[_pos + 1] == quote && source[_pos + 2] == quote;
        var start = _pos;
        _pos += triple ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= source.Length)
            {
                throw Error("Syntax error: unterminated string literal", start);
            }
            var c = source[_pos];
            if (triple ? string.CompareOrdinal(source, _pos, new string(quote, 3), 0, 3) == 0 : c == quote)
            {
                _pos += triple ? 3 : 1;
                return sb.ToString();
            }
            if (!triple && c is '\n' or '\r')
            {
                throw Error("Syntax error: newline in string literal", _pos);
            }
            if (c == '\\' && !raw)
            {
                ReadEscape(sb);
                continue;
            }
            sb.Append(c);
            _pos++;
        }
    }

    private void ReadEscape(StringBuilder sb)
    {
        var at = _pos;
        _pos++;
        if (_pos >= source.Length)
        {
            throw Error("Syntax error: invalid escape sequence", at);
        }
        var e = source[_pos++];
        switch (e)
        {
            case 'a': sb.Append('\a'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'n': sb.Append('\n'); break;
            case 'r': sb.Append('\r'); break;
            case 't': sb.Append('\t'); break;
            case 'v': sb.Append('\v'); break;
            case '\\' or '\'' or '"' or '`' or '?': sb.Append(e); break;
            case 'x' or 'X': sb.Append((char)Hex(2, at)); break;
            case 'u': sb.Append((char)Hex(4, at)); break;
            case 'U':
                var codePoint = Hex(8, at);
                if (codePoint is >= 0xD800 and <= 0xDFFF)
                {
                    throw Error("Syntax error: invalid unicode code point", at);
                }
                sb.Append(char.ConvertFromUtf32(codePoint));
                break;
            case >= '0' and <= '3':
                if (_pos + 2 > source.Length || !IsOctal(source[_pos]) || !IsOctal(source[_pos + 1]))
                {
                    throw Error("Syntax error: invalid octal escape", at);
                }
                sb.Append((char)(((e - '0') * 64) + ((source[_pos] - '0') * 8) + (source[_pos + 1] - '0')));
                _pos += 2;
                break;
            default:
                throw Error($"Syntax error: invalid escape sequence '\\{e}'", at);
        }
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private int Hex(int digits, int at)
    {
        if (_pos + digits > source.Length
            || !int.TryParse(source.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || value < 0 || value > 0x10FFFF)
        {
            throw Error("Syntax error: invalid hex escape", at);
        }
        _pos += digits;
        return value;
    }

    private CelSyntaxException Error(string message, int position) =>
        new(string.Create(CultureInfo.InvariantCulture, $"ERROR: <input>:1:{position + 1}: {message}"));
}
