namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Decides whether a run of digits stands on its own, so card, SSN and phone detectors never report a slice of a
/// longer number ("12.4111111111111111", "x4111...", "4111...-12") or of an identifier.
/// </summary>
internal static class DigitRunBoundary
{
    /// <summary>
    /// ASCII digits. Use this rather than IndexOfAnyInRange('0', '9'): the generic range APIs box their bounds in
    /// not-yet-optimised (tier-0) code, measured at 96 bytes per call, which breaks the no-allocation rule until
    /// tiering catches up; SearchValues does not.
    /// </summary>
    public static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>True when a number may start at <paramref name="index"/>.</summary>
    public static bool IsStart(ReadOnlySpan<char> s, int index)
    {
        if (index == 0)
        {
            return true;
        }

        var previous = s[index - 1];
        if (char.IsAsciiLetterOrDigit(previous) || previous == '_')
        {
            return false;
        }

        // "3.14...", "1,234...", "10-..." : the digits continue an earlier number.
        return !(IsNumberJoiner(previous) && index >= 2 && char.IsAsciiDigit(s[index - 2]));
    }

    /// <summary>True when a number may end just before <paramref name="end"/>.</summary>
    public static bool IsEnd(ReadOnlySpan<char> s, int end)
    {
        if (end >= s.Length)
        {
            return true;
        }

        var next = s[end];
        if (char.IsAsciiLetterOrDigit(next) || next == '_')
        {
            return false;
        }

        return !(IsNumberJoiner(next) && end + 1 < s.Length && char.IsAsciiDigit(s[end + 1]));
    }

    /// <summary>Index just past the digits starting at <paramref name="index"/>.</summary>
    public static int SkipDigits(ReadOnlySpan<char> s, int index)
    {
        var rest = s[index..].IndexOfAnyExcept(Digits);
        return rest < 0 ? s.Length : index + rest;
    }

    private static bool IsNumberJoiner(char c) => c is '.' or ',' or '-' or '/';
}
