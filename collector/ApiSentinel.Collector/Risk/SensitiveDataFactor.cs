using System.Globalization;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Sensitive data. Each (type, location) scores <c>type × direction × volume × exposure</c>; the worst sets the
/// base and each further distinct type adds a little, because a record combining an email, a date of birth and an
/// SSN is worse than any one of them. Every term is below 1 except at its worst, so the factor no longer
/// saturates at the first hit: a bulk list of SSNs returned to the internet outranks one test card number in a
/// script, which outranks an e-mail address a form receives.
/// </summary>
internal static class SensitiveDataFactor
{
    /// <summary>Data the API hands out is exposure; data it receives is data it holds, less directly exposed.</summary>
    public const double RequestDirection = 0.5;

    public const double ResponseDirection = 1.0;

    /// <summary>
    /// Regulated identity and payment data an API receives (a card number, an SSN, an IBAN) puts the API in scope
    /// of PCI DSS and breach notification whether it hands the value out or not: it weighs almost as much as a
    /// response. At 0.5 one received card scored 5.6 of 25, below an empty open health check's auth alone.
    /// Credentials an API receives (a password at login) are its normal work and keep <see cref="RequestDirection"/>.
    /// </summary>
    public const double RegulatedRequestDirection = 0.8;
    public const double PerExtraType = 0.1;
    public const double UnknownTypeSeverity = 0.6;

    /// <summary>Volume term of a single occurrence; it grows with log10 of the occurrences to 1.0 at <see cref="FullVolume"/>.</summary>
    public const double SingleOccurrence = 0.6;

    /// <summary>Occurrences from which the volume term is 1.0 (a thousand records is a bulk disclosure).</summary>
    public const long FullVolume = 1_000;

    /// <summary>Exposure term when no known client is external; it grows with the external share to 1.0.</summary>
    public const double InternalOnly = 0.75;

    private const int MaxListed = 8;

    /// <summary>
    /// How bad one value of a type is in the wrong hands: identity and payment data and secrets that open systems
    /// by themselves, then tokens and quasi-identifiers, then contact data.
    /// </summary>
    public static double TypeSeverity(string type) => type switch
    {
        SensitiveTypes.CreditCard or SensitiveTypes.UsSsn or SensitiveTypes.Iban or SensitiveTypes.PrivateKey or
        SensitiveTypes.Secret or SensitiveTypes.Password or SensitiveTypes.AwsAccessKey or SensitiveTypes.AwsSecretKey or
        SensitiveTypes.GoogleApiKey or SensitiveTypes.GitHubToken or SensitiveTypes.SlackToken or SensitiveTypes.StripeKey => 1.0,
        SensitiveTypes.Jwt or SensitiveTypes.DateOfBirth => 0.6,
        SensitiveTypes.Email => 0.4,
        SensitiveTypes.PhoneNumber => 0.3,
        _ => UnknownTypeSeverity,
    };

    /// <summary>Locations not starting with <c>request.</c> are treated as responses: unknown direction is assumed the worse one.</summary>
    public static double Direction(string type, string location) =>
        !IsRequest(location) ? ResponseDirection
        : IsRegulated(type) ? RegulatedRequestDirection
        : RequestDirection;

    /// <summary>Identity and payment data under regulation (PCI DSS, breach notification), as opposed to credentials.</summary>
    public static bool IsRegulated(string type) => type is SensitiveTypes.CreditCard or SensitiveTypes.UsSsn or SensitiveTypes.Iban;

    /// <summary>Secrets that open systems by themselves, or regulated data: the worst that clear text can carry.</summary>
    public static bool IsTopSeverity(string type) => TypeSeverity(type) >= 1.0;

    /// <summary>0.6 for one occurrence, +0.4 × log10(occurrences) / 3, reaching 1.0 at a thousand.</summary>
    public static double Volume(long occurrences) =>
        occurrences <= 1 ? SingleOccurrence
        : Math.Min(1.0, SingleOccurrence + ((1 - SingleOccurrence) * Math.Log10(occurrences) / Math.Log10(FullVolume)));

    /// <summary>0.75 with no external client (unknown clients are not external), up to 1.0 when every known client is.</summary>
    public static double Exposure(double externalShare) => InternalOnly + ((1 - InternalOnly) * externalShare);

    public static FactorReading Read(RiskInputs inputs)
    {
        if (inputs.SensitiveData.Count == 0)
        {
            return new FactorReading(0, "no sensitive data observed");
        }

        var exposure = Exposure(inputs.ExternalShare);
        var items = inputs.SensitiveData
            .GroupBy(item => (item.Type, item.Location))
            .Select(g => (g.Key.Type, g.Key.Location, Calls: g.Sum(i => i.Calls), Occurrences: g.Sum(i => Math.Max(i.Occurrences, i.Calls))))
            .Select(item => (item.Type, item.Location, item.Calls, item.Occurrences,
                Score: TypeSeverity(item.Type) * Direction(item.Type, item.Location) * Volume(item.Occurrences) * exposure))
            .OrderByDescending(item => item.Score)
            .ThenBy(item => item.Type, StringComparer.Ordinal)
            .ThenBy(item => item.Location, StringComparer.Ordinal)
            .ToList();
        var distinctTypes = items.Select(item => item.Type).Distinct(StringComparer.Ordinal).Count();
        var fraction = Math.Min(1.0, items[0].Score + (PerExtraType * (distinctTypes - 1)));

        var listed = items.Take(MaxListed).Select(item => string.Create(CultureInfo.InvariantCulture,
            $"{item.Type} {(IsRequest(item.Location) ? "received" : "returned")} at {item.Location} ({item.Occurrences} in {item.Calls} calls)"));
        var evidence = string.Join("; ", listed);
        if (items.Count > MaxListed)
        {
            evidence += $"; +{items.Count - MaxListed} more";
        }

        var worst = items[0];
        return new FactorReading(fraction, evidence, $"{Verb(worst.Location)} {worst.Type}");
    }

    private static bool IsRequest(string location) => location.StartsWith("request.", StringComparison.Ordinal);

    private static string Verb(string location) => IsRequest(location) ? "receives" : "returns";
}
