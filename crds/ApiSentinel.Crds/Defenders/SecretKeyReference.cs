using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.Defenders;

/// <summary>One key of a Secret in the referring resource's namespace.</summary>
public sealed class SecretKeyReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("key")]
    public string Key { get; set; } = "";
}
