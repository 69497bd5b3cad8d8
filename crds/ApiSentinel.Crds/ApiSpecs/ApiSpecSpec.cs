using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>The spec document (exactly one of <see cref="Document"/> and <see cref="ConfigMapRef"/>) and what it describes.</summary>
public sealed class ApiSpecSpec
{
    /// <summary>The OpenAPI 3 (or Swagger 2) document, JSON or YAML, inline.</summary>
    [JsonPropertyName("document")]
    public string? Document { get; set; }

    /// <summary>A key of a ConfigMap in the ApiSpec's namespace that holds the document.</summary>
    [JsonPropertyName("configMapRef")]
    public ConfigMapKeyReference? ConfigMapRef { get; set; }

    /// <summary>Hosts the spec describes (<c>api.example.com</c>, <c>orders:8080</c>); with neither hosts nor services, the document's own servers.</summary>
    [JsonPropertyName("hosts")]
    public IList<string>? Hosts { get; set; }

    /// <summary>Services the spec describes; their cluster DNS names are added to the hosts.</summary>
    [JsonPropertyName("services")]
    public IList<ServiceReference>? Services { get; set; }
}
