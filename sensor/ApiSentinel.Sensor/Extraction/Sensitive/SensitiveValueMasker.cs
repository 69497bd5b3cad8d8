using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Masked samples for the opt-in <see cref="SensitiveDataOptions.IncludeMaskedSamples"/>. Each type keeps only what
/// people conventionally show: a card's first 4 (issuer) and last 4, an SSN's last 4, an email's first letter and
/// domain, a phone's last 4 digits, an IBAN's country/check digits and last 4, a key's public prefix. Secrets,
/// passwords, JWTs, private keys and custom types show nothing of the value, not even its length.
/// </summary>
internal static class SensitiveValueMasker
{
    private const string Hidden = "********";

    public static string Mask(string type, ReadOnlySpan<char> value) => type switch
    {
        SensitiveTypes.CreditCard => KeepEnds(value, char.IsAsciiDigit, 4, 4),
        SensitiveTypes.Iban => KeepEnds(value, char.IsAsciiLetterOrDigit, 4, 4).ToUpperInvariant(),
        SensitiveTypes.UsSsn => MaskSsn(value),
        SensitiveTypes.Email => MaskEmail(value),
        SensitiveTypes.PhoneNumber => MaskPhone(value),
        SensitiveTypes.AwsAccessKey or SensitiveTypes.GoogleApiKey => KeepPrefix(value, 4),
        SensitiveTypes.GitHubToken => KeepPrefix(value, value.StartsWith("github_pat_", StringComparison.Ordinal) ? 11 : 4),
        SensitiveTypes.SlackToken => KeepPrefix(value, 5),
        SensitiveTypes.StripeKey => KeepPrefix(value, 8),
        _ => Hidden,
    };

    /// <summary>Keeps the first/last significant chars (separators dropped) and stars the rest; all stars when too short to hide anything.</summary>
    private static string KeepEnds(ReadOnlySpan<char> value, Func<char, bool> isSignificant, int head, int tail)
    {
        Span<char> compact = stackalloc char[Math.Min(value.Length, 64)];
        var count = 0;
        foreach (var c in value)
        {
            if (isSignificant(c) && count < compact.Length)
            {
                compact[count++] = c;
            }
        }

        if (count < head + tail + 4)
        {
            return Hidden;
        }

        Span<char> masked = stackalloc char[count];
        compact[..count].CopyTo(masked);
        masked[head..(count - tail)].Fill('*');
        return new string(masked);
    }

    private static string MaskSsn(ReadOnlySpan<char> value)
    {
        Span<char> digits = stackalloc char[4];
        var found = 0;
        for (var i = value.Length - 1; i >= 0 && found < 4; i--)
        {
            if (char.IsAsciiDigit(value[i]))
            {
                digits[3 - found++] = value[i];
            }
        }

        return found == 4 ? string.Concat("***-**-", digits) : Hidden;
    }

    private static string MaskEmail(ReadOnlySpan<char> value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return Hidden;
        }

        return string.Concat(value[..1], "***", value[at..]);
    }

    private static string MaskPhone(ReadOnlySpan<char> value)
    {
        Span<char> masked = stackalloc char[Math.Min(value.Length, 64)];
        value[..masked.Length].CopyTo(masked);
        var keep = 4;
        for (var i = masked.Length - 1; i >= 0; i--)
        {
            if (char.IsAsciiDigit(masked[i]))
            {
                if (keep > 0)
                {
                    keep--;
                }
                else
                {
                    masked[i] = '*';
                }
            }
        }

        return new string(masked);
    }

    private static string KeepPrefix(ReadOnlySpan<char> value, int prefix) =>
        value.Length > prefix ? string.Concat(value[..prefix], Hidden) : Hidden;
}
