namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// PEM private key blocks: "-----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP ]PRIVATE KEY[ BLOCK]-----" up to and
/// including the matching END line. A block cut off by the inspection limit runs to the end of the input.
/// </summary>
internal static class PrivateKeyDetector
{
    private const int MaxLabel = 40;

    /// <summary>Length of a private key block starting at <paramref name="start"/> (which holds "-----BEGIN "), or 0.</summary>
    public static int MatchLength(ReadOnlySpan<char> s, int start)
    {
        var labelStart = start + "-----BEGIN ".Length;
        var labelEndRel = s[labelStart..].IndexOf("-----", StringComparison.Ordinal);
        if (labelEndRel <= 0 || labelEndRel > MaxLabel)
        {
            return 0;
        }

        var label = s.Slice(labelStart, labelEndRel);
        if (!(label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) || label.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal)) ||
            label.IndexOfAnyExcept(LabelChars) >= 0)
        {
            return 0;
        }

        var bodyStart = labelStart + labelEndRel + 5;
        var endRel = s[bodyStart..].IndexOf("-----END ", StringComparison.Ordinal);
        if (endRel < 0)
        {
            return s.Length - start;
        }

        var endLabelStart = bodyStart + endRel + "-----END ".Length;
        var closeRel = s[endLabelStart..].IndexOf("-----", StringComparison.Ordinal);
        return closeRel < 0 || closeRel > MaxLabel ? s.Length - start : endLabelStart + closeRel + 5 - start;
    }

    private static readonly System.Buffers.SearchValues<char> LabelChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ");
}
