using System.Text.RegularExpressions;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>A <see cref="CustomDetector"/> ready to run: regex compiled once, field names pre-normalised.</summary>
internal sealed class CompiledCustomDetector
{
    private readonly Regex _regex;
    private readonly CustomValidator _validator;
    private readonly string[] _fieldNames;
    private readonly bool _requireFieldName;
    private readonly SensitiveConfidence _confidence;

    public CompiledCustomDetector(CustomDetector detector, TimeSpan timeout)
    {
        Name = detector.Name;
        _validator = detector.Validator;
        _requireFieldName = detector.RequireFieldName;
        _confidence = detector.Confidence;
        _fieldNames = [.. (detector.FieldNames ?? []).Where(static n => !string.IsNullOrWhiteSpace(n)).Select(Normalise)];
        try
        {
            _regex = new Regex(detector.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, timeout);
        }
        catch (ArgumentException ex)
        {
            throw new SensitiveDataConfigurationException(
                $"Custom detector '{detector.Name}' has an invalid regular expression: {ex.Message}", ex);
        }
    }

    public string Name { get; }

    /// <summary>Runs the regex (and validator) over <paramref name="s"/>; false when the run timed out.</summary>
    /// <param name="normalisedFieldName">The field name as <see cref="NormaliseInto"/> left it; empty when there is none.</param>
    public bool Scan(ReadOnlySpan<char> s, ReadOnlySpan<char> normalisedFieldName, List<SensitiveMatch> results)
    {
        var inField = IsListedField(normalisedFieldName);
        if (_requireFieldName && !inField)
        {
            return true;
        }

        var confidence = inField && _confidence < SensitiveConfidence.High ? _confidence + 1 : _confidence;
        try
        {
            foreach (var match in _regex.EnumerateMatches(s))
            {
                if (match.Length > 0 && PassesValidator(s.Slice(match.Index, match.Length)))
                {
                    results.Add(new SensitiveMatch(Name, match.Index, match.Length, confidence));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }

        return true;
    }

    private bool IsListedField(ReadOnlySpan<char> normalisedFieldName)
    {
        if (normalisedFieldName.IsEmpty)
        {
            return false;
        }

        foreach (var name in _fieldNames)
        {
            if (normalisedFieldName.SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    private bool PassesValidator(ReadOnlySpan<char> value) => _validator switch
    {
        CustomValidator.Luhn => LuhnChecksum.IsValidDigitsOf(value),
        CustomValidator.Mod97 => Iso7064Mod97.IsValidAlphanumericsOf(value),
        CustomValidator.Iban => IbanDetector.IsValid(value),
        _ => true,
    };

    /// <summary>
    /// Field-name form used for custom detector context: ASCII letters and digits, lower-cased, separators dropped
    /// ("employee_id", "employeeId", "EMPLOYEE-ID" are all "employeeid"). Returns the chars written (name cut at the destination size).
    /// </summary>
    public static int NormaliseInto(ReadOnlySpan<char> name, Span<char> destination)
    {
        var count = 0;
        foreach (var c in name)
        {
            if (count == destination.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                destination[count++] = char.ToLowerInvariant(c);
            }
        }

        return count;
    }

    private static string Normalise(string name)
    {
        Span<char> buffer = stackalloc char[MaxFieldNameChars];
        return new string(buffer[..NormaliseInto(name, buffer)]);
    }

    internal const int MaxFieldNameChars = 128;
}
