namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Built-in detectors run most-specific first (private key, JWT, API keys, email, IBAN, card, SSN, phone); a later
/// detector skips anything an earlier one already claimed, so a card number inside an email is not also a phone.
/// </summary>
internal static class MatchOverlap
{
    public static bool Overlaps(List<SensitiveMatch> results, int from, int start, int length)
    {
        var end = start + length;
        for (var i = from; i < results.Count; i++)
        {
            var m = results[i];
            if (start < m.Start + m.Length && m.Start < end)
            {
                return true;
            }
        }

        return false;
    }
}
