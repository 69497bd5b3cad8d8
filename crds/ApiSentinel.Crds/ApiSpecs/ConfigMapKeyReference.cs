using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>One key of a ConfigMap in the referring resource's namespace.</summary>
public sealed class ConfigMapKeyReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("key")]
    public string Key { get; set; } = "";
}
