namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>
/// How much of an endpoint one <c>ApiEndpoint</c> status holds: top-N bounds per list, the longest text, and the
/// hard bound on the serialized status (DESIGN.md: ≤ 64 KiB per object). The defaults are also the maxima — the
/// CRD's schema declares them as <c>maxItems</c>/<c>maxLength</c>, so a status within them always validates — and a
/// configuration may only lower them. What a bound leaves out is counted in <c>status.truncated</c>.
/// </summary>
public sealed record ProjectionBounds
{
    public static ProjectionBounds Default { get; } = new();

    /// <summary>The bound on the whole serialized object (DESIGN.md); the status gets what metadata and spec leave.</summary>
    public const int MaxObjectBytes = 64 * 1024;

    /// <summary>
    /// The longest host and path template in <c>spec</c> (the CRD's <c>maxLength</c>): both come from the wire, and
    /// the engine bounds a path by segments, not characters. Longer ones are cut and counted; the resource's name is
    /// the engine's identity, so a cut never makes two endpoints one.
    /// </summary>
    public const int MaxIdentityLength = 2048;

    /// <summary>The most frequent clients (the engine keeps 10 per endpoint).</summary>
    public int TopClients { get; init; } = 10;

    /// <summary>Query parameters, headers and body fields, per list.</summary>
    public int Fields { get; init; } = 64;

    /// <summary>Value kinds per field (the extractor knows 12).</summary>
    public int KindsPerField { get; init; } = 16;

    public int StatusCodes { get; init; } = 64;

    /// <summary>Request and response media types, per direction.</summary>
    public int ContentTypes { get; init; } = 16;

    /// <summary>(type, location) pairs of sensitive data.</summary>
    public int SensitiveData { get; init; } = 64;

    public int MaskedSamples { get; init; } = 8;

    public int Violations { get; init; } = 32;

    public int Findings { get; init; } = 32;

    /// <summary>Evidence entries per finding.</summary>
    public int FindingEvidence { get; init; } = 16;

    /// <summary>Credential kinds, locations, JWT algorithms and access issues, per list.</summary>
    public int AuthItems { get; init; } = 16;

    /// <summary>Namespaces and workloads, per list.</summary>
    public int Workloads { get; init; } = 16;

    /// <summary>The longest text (a name, an evidence line, a sample); longer ones are cut and counted.</summary>
    public int MaxTextLength { get; init; } = 512;

    /// <summary>The serialized status, in UTF-8 bytes; lists are cut further (and counted) until it fits.</summary>
    public int MaxStatusBytes { get; init; } = 64 * 1024;

    /// <summary>Throws when a bound is not positive or above its default (which the CRD's schema enforces).</summary>
    public void Validate()
    {
        Check(TopClients, Default.TopClients, nameof(TopClients));
        Check(Fields, Default.Fields, nameof(Fields));
        Check(KindsPerField, Default.KindsPerField, nameof(KindsPerField));
        Check(StatusCodes, Default.StatusCodes, nameof(StatusCodes));
        Check(ContentTypes, Default.ContentTypes, nameof(ContentTypes));
        Check(SensitiveData, Default.SensitiveData, nameof(SensitiveData));
        Check(MaskedSamples, Default.MaskedSamples, nameof(MaskedSamples));
        Check(Violations, Default.Violations, nameof(Violations));
        Check(Findings, Default.Findings, nameof(Findings));
        Check(FindingEvidence, Default.FindingEvidence, nameof(FindingEvidence));
        Check(AuthItems, Default.AuthItems, nameof(AuthItems));
        Check(Workloads, Default.Workloads, nameof(Workloads));
        // A text bound below 16 would cut even the engine's own short words (credential kinds, value kinds).
        if (MaxTextLength < 16 || MaxTextLength > Default.MaxTextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTextLength), MaxTextLength, $"must be 16..{Default.MaxTextLength}");
        }
        // 4 KiB leaves room for the scalars every status has, whatever the lists hold.
        if (MaxStatusBytes < 4096 || MaxStatusBytes > Default.MaxStatusBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxStatusBytes), MaxStatusBytes, $"must be 4096..{Default.MaxStatusBytes}");
        }
    }

    private static void Check(int value, int max, string name)
    {
        if (value < 1 || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"must be 1..{max}");
        }
    }
}
