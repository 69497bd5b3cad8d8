using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Types a YAML scalar the way the YAML 1.2 core schema does: a quoted <c>'200'</c> or <c>"1.0"</c> (or one
/// tagged <c>!!str</c>) stays a string; a plain one is null, a boolean, an integer, a float, or else a string.
/// </summary>
internal static class YamlScalars
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static JsonNode? ToJson(string text, ScalarStyle style, string? tag)
    {
        if (style != ScalarStyle.Plain || tag == StringTag)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) &&
            double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }

    // double.TryParse accepts forms YAML treats as strings ("1,000" is not, but " 1" and "Infinity" are); require
    // the core-schema shape: optional sign, digits, optional fraction, optional exponent.
    private static bool LooksLikeFloat(string text)
    {
        var i = 0;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
