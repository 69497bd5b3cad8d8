using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>How a path parameter's concrete values look: the three identifier styles real APIs use.</summary>
internal enum IdStyle
{
    Integer,
    Uuid,
    Slug,
}

/// <summary>
/// One endpoint of the synthetic API: host, method, the segments of its template (a null segment is a parameter of
/// <see cref="IdStyles"/>), and the field shapes its calls carry. Field lists are built once per endpoint and shared
/// by its calls, as the engine only reads them.
/// </summary>
internal sealed class EndpointShape
{
    public required string Host { get; init; }

    public required string Server { get; init; }

    public required string Method { get; init; }

    /// <summary>Literal segments, or null where a parameter goes.</summary>
    public required IReadOnlyList<string?> Segments { get; init; }

    /// <summary>One style per null entry of <see cref="Segments"/>, in order.</summary>
    public required IReadOnlyList<IdStyle> IdStyles { get; init; }

    public required IReadOnlyList<FieldObservation> Query { get; init; }

    /// <summary>A few variants (optional fields absent, a field seen as null) so kind sets and counts move.</summary>
    public required IReadOnlyList<IReadOnlyList<FieldObservation>> RequestFieldVariants { get; init; }

    public required IReadOnlyList<IReadOnlyList<FieldObservation>> ResponseFieldVariants { get; init; }

    /// <summary>Sensitive data this endpoint's responses carry, or empty.</summary>
    public required IReadOnlyList<SensitiveObservation> Sensitive { get; init; }

    /// <summary>Relative traffic share (Zipf-like over endpoints).</summary>
    public required double Weight { get; init; }

    public string Template => "/" + string.Join('/', Segments.Select((s, i) => s ?? "{p" + i + "}"));
}
