using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// One finding as a log record's structured state: the attributes (<see cref="FindingAttributes"/>) as key/value
/// pairs, which OpenTelemetry exports as OTLP attributes and the console JSON formatter as its <c>State</c>; the
/// message is the finding's summary. <see cref="Identity"/> and <see cref="Fingerprint"/> tell findings and their
/// changes apart between publishes.
/// </summary>
internal sealed class FindingRecord : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _attributes;

    private FindingRecord(string identity, string fingerprint, string summary, KeyValuePair<string, object?>[] attributes)
    {
        Identity = identity;
        Fingerprint = fingerprint;
        Summary = summary;
        _attributes = attributes;
    }

    /// <summary>What stays the same while an episode goes on: kind, source, client and start; for a content finding (no client), kind and its endpoint.</summary>
    public string Identity { get; }

    /// <summary>
    /// What a change is: severity, summary, evidence and endpoints. The end time alone is not — an open episode's end
    /// moves with every call, and a record per publish for it would bury the changes that matter.
    /// </summary>
    public string Fingerprint { get; }

    public string Summary { get; }

    public int Count => _attributes.Length;

    public KeyValuePair<string, object?> this[int index] => _attributes[index];

    public static FindingRecord Of(Finding finding)
    {
        var endpoints = finding.Endpoints.Select(static e => e.ToString()).ToArray();
        // A behavioural episode is one client's from its start; its endpoints grow as it goes on. A content finding
        // has no client: its endpoint is what tells two apart.
        var identity = string.Join('\u001f', finding.Kind, finding.Source ?? "", finding.Client ?? "",
            finding.FromMicros.ToString(CultureInfo.InvariantCulture), finding.Client is null ? endpoints.FirstOrDefault() ?? "" : "");
        var evidence = finding.Evidence.OrderBy(static pair => pair.Key, StringComparer.Ordinal).ToArray();
        var fingerprint = string.Join('\u001f', finding.Severity, finding.Summary,
            string.Join('\u001e', evidence.Select(static pair => pair.Key + "=" + pair.Value)), string.Join('\u001e', endpoints));

        var attributes = new List<KeyValuePair<string, object?>>(10 + evidence.Length)
        {
            new(FindingAttributes.Id, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 8))),
            new(FindingAttributes.Kind, finding.Kind),
            new(FindingAttributes.Severity, finding.Severity),
        };
        if (finding.Source is { } source)
        {
            attributes.Add(new(FindingAttributes.Source, source));
        }

        if (finding.Client is { } client)
        {
            attributes.Add(new(FindingAttributes.Client, client));
        }

        attributes.Add(new(FindingAttributes.Start, Rfc3339(finding.FromMicros)));
        attributes.Add(new(FindingAttributes.End, Rfc3339(finding.ToMicros)));
        attributes.Add(new(FindingAttributes.Summary, finding.Summary));
        attributes.Add(new(FindingAttributes.Endpoints, endpoints));
        foreach (var (key, value) in evidence)
        {
            attributes.Add(new(FindingAttributes.EvidencePrefix + key, value));
        }

        return new FindingRecord(identity, fingerprint, finding.Summary, [.. attributes]);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_attributes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Summary;

    private static string Rfc3339(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
