namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Sensitive data: the worst single item (type severity × direction) sets the base; each further distinct type
/// adds a little, because a record combining an email, a date of birth and an SSN is worse than any one of them.
/// </summary>
internal static class SensitiveDataFactor
{
    /// <summary>Data the API hands out is exposure; data it receives is data it holds, less directly exposed.</summary>
    public const double RequestDirection = 0.5;

    public const double ResponseDirection = 1.0;
    public const double PerExtraType = 0.1;
    public const double UnknownTypeSeverity = 0.6;
    private const int MaxListed = 8;

    public static double TypeSeverity(string type) => type switch
    {
        "credit-card" or "us-ssn" or "iban" or "private-key" or "secret" or "password" or
        "aws-access-key" or "aws-secret-key" or "google-api-key" or "github-token" or "slack-token" or "stripe-key" => 1.0,
        "jwt" or "date-of-birth" => 0.6,
        "email" or "phone-number" => 0.3,
        _ => UnknownTypeSeverity,
    };

    /// <summary>Locations not starting with <c>request.</c> are treated as responses: unknown direction is assumed the worse one.</summary>
    public static double Direction(string location) =>
        location.StartsWith("request.", StringComparison.Ordinal) ? RequestDirection : ResponseDirection;

    public static FactorReading Read(RiskInputs inputs)
    {
        if (inputs.SensitiveData.Count == 0)
        {
            return new FactorReading(0, "no sensitive data observed");
        }

        var items = inputs.SensitiveData
            .Distinct()
            .Select(item => (item.Type, item.Location, Score: TypeSeverity(item.Type) * Direction(item.Location)))
            .OrderByDescending(item => item.Score)
            .ThenBy(item => item.Type, StringComparer.Ordinal)
            .ThenBy(item => item.Location, StringComparer.Ordinal)
            .ToList();
        var distinctTypes = items.Select(item => item.Type).Distinct(StringComparer.Ordinal).Count();
        var fraction = Math.Min(1.0, items[0].Score + (PerExtraType * (distinctTypes - 1)));

        var listed = items.Take(MaxListed).Select(item => $"{item.Type} at {item.Location}");
        var evidence = string.Join("; ", listed);
        if (items.Count > MaxListed)
        {
            evidence += $"; +{items.Count - MaxListed} more";
        }

        return new FactorReading(fraction, evidence);
    }
}
