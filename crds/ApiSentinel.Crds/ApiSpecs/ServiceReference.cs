using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>A Service, by name; in the referring resource's namespace unless <see cref="Namespace"/> says otherwise.</summary>
public sealed class ServiceReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
