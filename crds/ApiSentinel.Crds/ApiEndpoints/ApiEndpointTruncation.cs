using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>What the status bounds left out: loss is counted, never silent.</summary>
public sealed class ApiEndpointTruncation
{
    /// <summary>List entries left out of this status by its top-N and size bounds.</summary>
    [JsonPropertyName("items")]
    public long Items { get; set; }

    /// <summary>The lists that were cut (<c>usage.topClients</c>, <c>parameters.requestFields</c>, …).</summary>
    [JsonPropertyName("lists")]
    public IList<string>? Lists { get; set; }

    /// <summary>Texts (names, evidence, samples) cut to the status's longest text.</summary>
    [JsonPropertyName("texts")]
    public long? Texts { get; set; }

    /// <summary>Values the engine itself did not keep because a per-endpoint set was at its bound.</summary>
    [JsonPropertyName("catalogDropped")]
    public long? CatalogDropped { get; set; }
}
