using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>An endpoint's identity: the engine aggregates calls per (host, method, path template).</summary>
public sealed class ApiEndpointSpec
{
    /// <summary>The host the calls named (Host header or :authority), lower case, with a port when not the default.</summary>
    [JsonPropertyName("host")]
    public string Host { get; set; } = "";

    /// <summary>The HTTP method, upper case as sent.</summary>
    [JsonPropertyName("method")]
    public string Method { get; set; } = "";

    /// <summary>The path template (<c>/users/{id}</c>).</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";
}
