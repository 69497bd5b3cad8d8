using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>How much, when and by whom the endpoint was called.</summary>
public sealed class ApiEndpointUsage
{
    [JsonPropertyName("requests")]
    public long Requests { get; set; }

    /// <summary>Calls that got no response.</summary>
    [JsonPropertyName("noResponse")]
    public long NoResponse { get; set; }

    [JsonPropertyName("statusCodes")]
    public IList<ApiEndpointStatusCode>? StatusCodes { get; set; }

    /// <summary>The first call, RFC 3339 UTC with microseconds.</summary>
    [JsonPropertyName("firstSeen")]
    public string? FirstSeen { get; set; }

    /// <summary>The latest call, RFC 3339 UTC with microseconds.</summary>
    [JsonPropertyName("lastSeen")]
    public string? LastSeen { get; set; }

    [JsonPropertyName("topClients")]
    public IList<ApiEndpointClient>? TopClients { get; set; }

    /// <summary>Distinct clients the engine tracked (at most its bound).</summary>
    [JsonPropertyName("distinctClients")]
    public long? DistinctClients { get; set; }

    /// <summary>Clients the engine stopped tracking at its per-endpoint bound (absent when none).</summary>
    [JsonPropertyName("evictedClients")]
    public long? EvictedClients { get; set; }

    [JsonPropertyName("internalCalls")]
    public long InternalCalls { get; set; }

    [JsonPropertyName("externalCalls")]
    public long ExternalCalls { get; set; }

    /// <summary>Calls whose client address was unknown (HAR input).</summary>
    [JsonPropertyName("unknownClientCalls")]
    public long? UnknownClientCalls { get; set; }
}
