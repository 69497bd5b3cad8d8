using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Turns sensitive data found in a static asset into a finding of its own (<see cref="FindingKinds.SecretInStaticAsset"/>):
/// a key or card number hard-coded in a script is handed to every visitor, whoever they are. Contact data (e-mail,
/// phone) is ordinary on web pages and stays in the asset's sensitive data without a finding.
/// </summary>
internal static class StaticAssetSecrets
{
    /// <summary>The finding's severity for a type, or null when the type raises none in an asset.</summary>
    public static string? SeverityOf(string type) => type switch
    {
        SensitiveTypes.PrivateKey or SensitiveTypes.AwsSecretKey or SensitiveTypes.AwsAccessKey or
        SensitiveTypes.GoogleApiKey or SensitiveTypes.GitHubToken or SensitiveTypes.SlackToken or
        SensitiveTypes.StripeKey or SensitiveTypes.Password or SensitiveTypes.Secret => FindingSeverities.Critical,
        SensitiveTypes.CreditCard or SensitiveTypes.UsSsn or SensitiveTypes.Iban => FindingSeverities.High,
        SensitiveTypes.Email or SensitiveTypes.PhoneNumber => null,
        _ => FindingSeverities.Medium, // jwt, date of birth, custom detectors
    };

    /// <summary>
    /// The finding for one asset, from its sensitive data by (type, location) with the calls each was seen in; null
    /// when nothing found there raises one. Takes the aggregate's parts, not the catalog's endpoint, so findings do
    /// not depend on the catalog that composes them.
    /// </summary>
    public static Finding? For(EndpointKey asset, long firstSeenMicros, long lastSeenMicros,
        IEnumerable<KeyValuePair<(string Type, string Location), long>> sensitive)
    {
        var hits = sensitive
            .Select(kv => (kv.Key.Type, kv.Key.Location, Calls: kv.Value, Severity: SeverityOf(kv.Key.Type)))
            .Where(hit => hit.Severity is not null)
            .ToList();
        if (hits.Count == 0)
        {
            return null;
        }
        var severity = hits.Select(hit => hit.Severity!).MaxBy(Rank)!;
        var types = hits.Select(hit => hit.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["types"] = string.Join(", ", types),
            ["locations"] = string.Join(", ", hits.Select(hit => hit.Location).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(8)),
            ["calls"] = EvidenceText.Count(hits.Max(hit => hit.Calls)),
        };
        var summary = $"static asset {asset.Method} {asset.Host}{asset.PathTemplate} carries {string.Join(", ", types)}: every client that loads it gets it";
        return new Finding(FindingKinds.SecretInStaticAsset, severity, null, firstSeenMicros, lastSeenMicros, summary, evidence, [asset]);
    }

    private static int Rank(string severity) => severity switch
    {
        FindingSeverities.Critical => 3,
        FindingSeverities.High => 2,
        FindingSeverities.Medium => 1,
        _ => 0,
    };
}
