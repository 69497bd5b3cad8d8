using System.Security.Cryptography;
using System.Text;

namespace ApiSentinel.Crds;

/// <summary>Label values and namespace names: what Kubernetes accepts, and a safe label value for any text from the wire.</summary>
public static class LabelValues
{
    /// <summary>Label values: empty, or at most 63 characters of <c>[A-Za-z0-9._-]</c> starting and ending alphanumeric.</summary>
    public const int MaxLength = 63;

    /// <summary>Namespaces and resource names that are DNS-1123 labels: at most 63 characters.</summary>
    public const int MaxDns1123LabelLength = 63;

    /// <summary>
    /// A label value for text from the wire (host, method). Text that already is a valid label value is kept as
    /// it is, so <c>kubectl get -l apisentinel.io/host=api.example.com</c> works; anything else — too long, or
    /// with characters a label value cannot hold — becomes a readable prefix plus a hash of the whole text, so
    /// two different hosts never share a label value and the result is always valid.
    /// </summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsValid(text))
        {
            return text;
        }
        var readable = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-')
            {
                readable.Append(ch);
            }
            else if (readable.Length > 0 && readable[^1] != '_')
            {
                readable.Append('_');
            }
        }
        var hash = Hash(text);
        var room = MaxLength - hash.Length - 1;
        var prefix = readable.ToString();
        prefix = (prefix.Length > room ? prefix[..room] : prefix).Trim('.', '_', '-');
        return prefix.Length == 0 ? hash : $"{prefix}-{hash}";
    }

    /// <summary>Whether Kubernetes accepts <paramref name="value"/> as a label value.</summary>
    public static bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return true;
        }
        if (value.Length > MaxLength || !char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]))
        {
            return false;
        }
        foreach (var ch in value)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch is not ('.' or '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Namespaces are DNS-1123 labels: at most 63 of <c>[a-z0-9-]</c>, starting and ending alphanumeric.</summary>
    public static bool IsValidNamespace(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length is > 0 and <= MaxDns1123LabelLength && IsLowerAlphanumeric(value[0]) &&
            IsLowerAlphanumeric(value[^1]) && value.All(ch => IsLowerAlphanumeric(ch) || ch == '-');
    }

    private static bool IsLowerAlphanumeric(char ch) => char.IsAsciiDigit(ch) || char.IsAsciiLetterLower(ch);

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
