using System.Text;

namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// Every form in which a planted value could be recognised in an output: as it is (compared ignoring case,
/// which covers lower- and upper-case copies), URL-encoded with upper- and lower-case hex digits (and '+' for
/// a space, as forms encode it), and base64 in the standard and URL-safe alphabets, with and without padding.
/// </summary>
internal static class MarkerForms
{
    public static IReadOnlyList<(string Form, string Text)> Of(string value)
    {
        var forms = new List<(string, string)> { ("raw (any case)", value) };
        AddDistinct(forms, "URL-encoded (%XX)", UrlEncode(value, upperHex: true, plusForSpace: false), value);
        AddDistinct(forms, "URL-encoded (%xx)", UrlEncode(value, upperHex: false, plusForSpace: false), value);
        AddDistinct(forms, "form-encoded (+ for space)", UrlEncode(value, upperHex: true, plusForSpace: true), value);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        AddDistinct(forms, "base64", base64, value);
        AddDistinct(forms, "base64 (unpadded)", base64.TrimEnd('='), value);
        var urlSafe = base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        AddDistinct(forms, "base64url", urlSafe, value);
        return forms;
    }

    /// <summary>Where <paramref name="output"/> holds a form of <paramref name="value"/>, the form's name; else null.</summary>
    public static string? FoundIn(string output, string value)
    {
        foreach (var (form, text) in Of(value))
        {
            if (output.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return form;
            }
        }
        return null;
    }

    private static void AddDistinct(List<(string, string)> forms, string name, string text, string raw)
    {
        if (!forms.Exists(f => string.Equals(f.Item2, text, StringComparison.OrdinalIgnoreCase)) && text.Length > 0 && text != raw)
        {
            forms.Add((name, text));
        }
    }

    private static string UrlEncode(string value, bool upperHex, bool plusForSpace)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var ch = (char)b;
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_' or '~')
            {
                builder.Append(ch);
            }
            else if (ch == ' ' && plusForSpace)
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(upperHex ? b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) : b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
