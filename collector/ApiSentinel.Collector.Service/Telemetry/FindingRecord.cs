using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// One finding as a log record's structured state: the attributes (<see cref="FindingAttributes"/>) as key/value
/// pairs, which OpenTelemetry exports as OTLP attributes and the console JSON formatter as its <c>State</c>; the
/// message is the finding's summary. <see cref="Subject"/>, <see cref="Id"/> and <see cref="Fingerprint"/> tell
/// findings and their changes apart between publishes.
/// </summary>
internal sealed class FindingRecord : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly Finding _finding;
    private readonly string[] _endpoints;
    private readonly KeyValuePair<string, string>[] _evidence;
    private KeyValuePair<string, object?>[]? _attributes;

    /// <summary>
    /// Subject and fingerprint only: the attributes are built when the record is written, as most publishes change
    /// nothing. <paramref name="id"/> is the episode's id from an earlier publish (<see cref="FindingLog"/> matches it);
    /// null for a new episode, whose id is derived from its subject and its start as first seen.
    /// </summary>
    public FindingRecord(Finding finding, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(finding);
        _finding = finding;
        _endpoints = finding.Endpoints.Select(static e => e.ToString()).ToArray();
        _evidence = finding.Evidence.OrderBy(static pair => pair.Key, StringComparer.Ordinal).ToArray();

        // A behavioural episode is one client's; its endpoints grow as it goes on. A content finding has no client:
        // its endpoint is what tells two apart.
        Subject = string.Join('\u001f', finding.Kind, finding.Source ?? "", finding.Client ?? "",
            finding.Client is null ? _endpoints.FirstOrDefault() ?? "" : "");
        Id = id ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            Subject + '\u001f' + finding.FromMicros.ToString(CultureInfo.InvariantCulture))).AsSpan(0, 8));
        Fingerprint = string.Join('\u001f', finding.Severity, finding.Summary,
            string.Join('\u001e', _evidence.Select(static pair => pair.Key + "=" + pair.Value)), string.Join('\u001e', _endpoints));
    }

    /// <summary>
    /// Kind, source and client (for a content finding, kind and its endpoint): what every episode of one subject
    /// shares. Two episodes of one subject never overlap in time, which is how a publish's finding is matched to the
    /// previous publish's — not by its start, which moves earlier when a late call arrives.
    /// </summary>
    public string Subject { get; }

    /// <summary>The episode's id (the <see cref="FindingAttributes.Id"/> attribute): fixed when it was first logged.</summary>
    public string Id { get; }

    /// <summary>
    /// What a change is: severity, summary, evidence and endpoints. The end time alone is not — an open episode's end
    /// moves with every call, and a record per publish for it would bury the changes that matter.
    /// </summary>
    public string Fingerprint { get; }

    public long FromMicros => _finding.FromMicros;

    public long ToMicros => _finding.ToMicros;

    public string Severity => _finding.Severity;

    public string Summary => _finding.Summary;

    public int Count => Attributes.Length;

    public KeyValuePair<string, object?> this[int index] => Attributes[index];

    private KeyValuePair<string, object?>[] Attributes => _attributes ??= Build();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Attributes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Summary;

    private KeyValuePair<string, object?>[] Build()
    {
        var finding = _finding;
        var attributes = new List<KeyValuePair<string, object?>>(10 + _evidence.Length)
        {
            new(FindingAttributes.Id, Id),
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
        attributes.Add(new(FindingAttributes.Endpoints, _endpoints));
        foreach (var (key, value) in _evidence)
        {
            attributes.Add(new(FindingAttributes.EvidencePrefix + key, value));
        }

        return [.. attributes];
    }

    private static string Rfc3339(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
